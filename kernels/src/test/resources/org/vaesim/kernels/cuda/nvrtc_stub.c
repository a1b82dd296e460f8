/*
 * A stand-in for libnvrtc for tests on machines without a CUDA toolkit's NVRTC: the calls vaesim binds, with the
 * prototypes of nvrtc.h (written out here: the toolkit on the build machine may lack the header). Compiling
 * "emits" PTX with one empty .entry per VS_KERNEL of the source: multiplications rounded explicitly (mul.rn)
 * under --fmad=false, fused (fma) otherwise. A source containing "#error" fails with a log. stub_last_options
 * tells the test what options arrived.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int nvrtcResult;
typedef struct stub_program *nvrtcProgram;

#define NVRTC_SUCCESS 0
#define NVRTC_ERROR_INVALID_INPUT 3
#define NVRTC_ERROR_INVALID_PROGRAM 4
#define NVRTC_ERROR_COMPILATION 6

struct stub_program {
  char *source;
  char *ptx;
  char *log;
};

static char last_options[4096];

const char *stub_last_options(void) { return last_options; }

const char *nvrtcGetErrorString(nvrtcResult result) {
  switch (result) {
    case NVRTC_SUCCESS: return "NVRTC_SUCCESS";
    case NVRTC_ERROR_INVALID_INPUT: return "NVRTC_ERROR_INVALID_INPUT";
    case NVRTC_ERROR_INVALID_PROGRAM: return "NVRTC_ERROR_INVALID_PROGRAM";
    case NVRTC_ERROR_COMPILATION: return "NVRTC_ERROR_COMPILATION";
    default: return "NVRTC_ERROR unknown";
  }
}

nvrtcResult nvrtcVersion(int *major, int *minor) { *major = 13; *minor = 0; return NVRTC_SUCCESS; }

nvrtcResult nvrtcGetNumSupportedArchs(int *numArchs) { *numArchs = 4; return NVRTC_SUCCESS; }

nvrtcResult nvrtcGetSupportedArchs(int *supportedArchs) {
  supportedArchs[0] = 75; supportedArchs[1] = 80; supportedArchs[2] = 89; supportedArchs[3] = 90;
  return NVRTC_SUCCESS;
}

nvrtcResult nvrtcCreateProgram(nvrtcProgram *prog, const char *src, const char *name, int numHeaders,
                               const char *const *headers, const char *const *includeNames) {
  if (src == NULL || name == NULL || numHeaders != 0 || headers != NULL || includeNames != NULL) {
    return NVRTC_ERROR_INVALID_INPUT;
  }
  struct stub_program *p = calloc(1, sizeof *p);
  p->source = strdup(src);
  *prog = p;
  return NVRTC_SUCCESS;
}

nvrtcResult nvrtcDestroyProgram(nvrtcProgram *prog) {
  if (prog == NULL || *prog == NULL) return NVRTC_ERROR_INVALID_PROGRAM;
  free((*prog)->source);
  free((*prog)->ptx);
  free((*prog)->log);
  free(*prog);
  *prog = NULL;
  return NVRTC_SUCCESS;
}

nvrtcResult nvrtcCompileProgram(nvrtcProgram prog, int numOptions, const char *const *options) {
  if (prog == NULL) return NVRTC_ERROR_INVALID_PROGRAM;
  last_options[0] = 0;
  int fmad_off = 0;
  const char *arch = "compute_52";
  for (int i = 0; i < numOptions; i++) {
    if (i > 0) strncat(last_options, " ", sizeof last_options - strlen(last_options) - 1);
    strncat(last_options, options[i], sizeof last_options - strlen(last_options) - 1);
    if (strcmp(options[i], "--fmad=false") == 0) fmad_off = 1;
    if (strncmp(options[i], "--gpu-architecture=", 19) == 0) arch = options[i] + 19;
  }
  if (strstr(prog->source, "#error") != NULL) {
    prog->log = strdup("vaesim.cu(1): error: stub says no");
    return NVRTC_ERROR_COMPILATION;
  }
  size_t size = 256 + strlen(prog->source);
  char *ptx = malloc(size);
  int n = snprintf(ptx, size, ".version 9.0\n.target sm_%s\n.address_size 64\n", arch + 8);
  for (const char *at = strstr(prog->source, "VS_KERNEL void "); at != NULL;
       at = strstr(at + 1, "VS_KERNEL void ")) {
    const char *name = at + strlen("VS_KERNEL void ");
    size_t len = strcspn(name, "( ");
    n += snprintf(ptx + n, size - (size_t) n, ".visible .entry %.*s(\n)\n{\n\t%s.f64 %%fd1, %%fd2, %%fd3;\n}\n",
                  (int) len, name, fmad_off ? "mul.rn" : "fma.rn");
  }
  prog->ptx = ptx;
  prog->log = strdup("");
  return NVRTC_SUCCESS;
}

nvrtcResult nvrtcGetPTXSize(nvrtcProgram prog, size_t *ptxSizeRet) {
  if (prog == NULL || prog->ptx == NULL) return NVRTC_ERROR_INVALID_PROGRAM;
  *ptxSizeRet = strlen(prog->ptx) + 1;
  return NVRTC_SUCCESS;
}

nvrtcResult nvrtcGetPTX(nvrtcProgram prog, char *ptx) {
  if (prog == NULL || prog->ptx == NULL) return NVRTC_ERROR_INVALID_PROGRAM;
  strcpy(ptx, prog->ptx);
  return NVRTC_SUCCESS;
}

nvrtcResult nvrtcGetProgramLogSize(nvrtcProgram prog, size_t *logSizeRet) {
  if (prog == NULL) return NVRTC_ERROR_INVALID_PROGRAM;
  *logSizeRet = (prog->log == NULL ? 0 : strlen(prog->log)) + 1;
  return NVRTC_SUCCESS;
}

nvrtcResult nvrtcGetProgramLog(nvrtcProgram prog, char *log) {
  if (prog == NULL) return NVRTC_ERROR_INVALID_PROGRAM;
  strcpy(log, prog->log == NULL ? "" : prog->log);
  return NVRTC_SUCCESS;
}
