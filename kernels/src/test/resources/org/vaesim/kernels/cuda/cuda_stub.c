/*
 * A stand-in for libcuda.so.1 for tests on machines without a GPU: the driver API calls vaesim binds, defined
 * against the toolkit's own cuda.h (so a prototype that differs from NVIDIA's does not compile), on host memory.
 * Device memory is malloc'd (filled with 0xAB, so that a missing memset shows); a module keeps its PTX text;
 * cuModuleGetFunction finds the .entry in it and reads the parameter sizes off its .param list; cuLaunchKernel
 * runs nothing but records the grid and copies each argument with the size the PTX declares. stub_* functions
 * let the test look and steer.
 */
#include <cuda.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FUNCTIONS 128
#define MAX_PARAMS 64

struct stub_function {
  char name[128];
  int params;
  int sizes[MAX_PARAMS];
  long launches;
};

static int init_result = CUDA_SUCCESS;
static int refuse_modules = 0;
static int retained = 0;
static long live = 0;
static long synchronizations = 0;
static CUcontext current = NULL;
static int context_object;
static char *module_text = NULL;
static struct stub_function functions[MAX_FUNCTIONS];
static int function_count = 0;

static struct {
  char name[128];
  unsigned grid[3], block[3], shared;
  CUstream stream;
  void **extra;
  int params;
  int sizes[MAX_PARAMS];
  unsigned char values[MAX_PARAMS][8];
} last;

/* ---- steering and looking, for the test ---- */
void stub_set_init(int result) { init_result = result; }
/* Refuse the next n module loads (as a driver older than the PTX would). */
void stub_refuse_modules(int n) { refuse_modules = n; }
int stub_retained(void) { return retained; }
long stub_live(void) { return live; }
long stub_synchronizations(void) { return synchronizations; }
long stub_launches(const char *name) {
  for (int i = 0; i < function_count; i++) {
    if (strcmp(functions[i].name, name) == 0) return functions[i].launches;
  }
  return -1;
}
/* The last launch: name, grid.x, block.x, other dimensions multiplied, shared bytes; each argument's bytes. */
int stub_last_launch(char *name, int *geometry, long long *values, int *sizes) {
  strcpy(name, last.name);
  geometry[0] = (int) last.grid[0];
  geometry[1] = (int) last.block[0];
  geometry[2] = (int) (last.grid[1] * last.grid[2] * last.block[1] * last.block[2]);
  geometry[3] = (int) last.shared;
  geometry[4] = last.stream != NULL || last.extra != NULL;
  for (int i = 0; i < last.params; i++) {
    long long v = 0;
    memcpy(&v, last.values[i], (size_t) last.sizes[i]);
    if (last.sizes[i] == 4) v = (long long) *(int32_t *) last.values[i]; /* sign-extend a 32-bit argument */
    values[i] = v;
    sizes[i] = last.sizes[i];
  }
  return last.params;
}

/* ---- the driver API ---- */
CUresult cuInit(unsigned int flags) { return flags != 0 ? CUDA_ERROR_INVALID_VALUE : (CUresult) init_result; }

CUresult cuDriverGetVersion(int *version) { *version = 13000; return CUDA_SUCCESS; }

CUresult cuDeviceGetCount(int *count) { *count = init_result == CUDA_SUCCESS ? 1 : 0; return CUDA_SUCCESS; }

CUresult cuDeviceGet(CUdevice *device, int ordinal) {
  if (ordinal != 0) return CUDA_ERROR_INVALID_DEVICE;
  *device = 42;
  return CUDA_SUCCESS;
}

CUresult cuDeviceGetName(char *name, int len, CUdevice dev) {
  if (dev != 42) return CUDA_ERROR_INVALID_DEVICE;
  snprintf(name, (size_t) len, "vaesim stub GPU");
  return CUDA_SUCCESS;
}

CUresult cuDeviceGetAttribute(int *pi, CUdevice_attribute attrib, CUdevice dev) {
  if (dev != 42) return CUDA_ERROR_INVALID_DEVICE;
  switch (attrib) {
    case CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR: *pi = 9; return CUDA_SUCCESS;
    case CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR: *pi = 0; return CUDA_SUCCESS;
    case CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT: *pi = 132; return CUDA_SUCCESS;
    default: return CUDA_ERROR_INVALID_VALUE;
  }
}

CUresult cuDeviceTotalMem(size_t *bytes, CUdevice dev) {
  if (dev != 42) return CUDA_ERROR_INVALID_DEVICE;
  *bytes = (size_t) 80 << 30;
  return CUDA_SUCCESS;
}

CUresult cuDevicePrimaryCtxRetain(CUcontext *pctx, CUdevice dev) {
  if (dev != 42) return CUDA_ERROR_INVALID_DEVICE;
  retained++;
  *pctx = (CUcontext) &context_object;
  return CUDA_SUCCESS;
}

CUresult cuDevicePrimaryCtxRelease(CUdevice dev) {
  if (dev != 42 || retained == 0) return CUDA_ERROR_INVALID_CONTEXT;
  retained--;
  if (retained == 0) current = NULL;
  return CUDA_SUCCESS;
}

CUresult cuCtxSetCurrent(CUcontext ctx) {
  current = ctx;
  return CUDA_SUCCESS;
}

CUresult cuCtxSynchronize(void) {
  if (current == NULL) return CUDA_ERROR_INVALID_CONTEXT;
  synchronizations++;
  return CUDA_SUCCESS;
}

CUresult cuModuleLoadDataEx(CUmodule *module, const void *image, unsigned int numOptions, CUjit_option *options,
                            void **optionValues) {
  if (current == NULL) return CUDA_ERROR_INVALID_CONTEXT;
  char *log = NULL;
  size_t log_size = 0;
  for (unsigned i = 0; i < numOptions; i++) {
    if (options[i] == CU_JIT_ERROR_LOG_BUFFER) log = (char *) optionValues[i];
    if (options[i] == CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES) log_size = (size_t) (uintptr_t) optionValues[i];
  }
  if (refuse_modules > 0) {
    refuse_modules--;
    if (log != NULL && log_size > 0) snprintf(log, log_size, "stub JIT says no");
    return CUDA_ERROR_UNSUPPORTED_PTX_VERSION;
  }
  free(module_text);
  module_text = strdup((const char *) image);
  function_count = 0;
  *module = (CUmodule) module_text;
  return CUDA_SUCCESS;
}

CUresult cuModuleUnload(CUmodule module) {
  if ((char *) module != module_text || module_text == NULL) return CUDA_ERROR_INVALID_HANDLE;
  free(module_text);
  module_text = NULL;
  return CUDA_SUCCESS;
}

static int param_size(const char *type) {
  /* type points after ".param ": skip .ptr/.align/space modifiers to the .[bsuf]N type */
  const char *p = type;
  while (*p) {
    if (p[0] == '.' && (p[1] == 'b' || p[1] == 's' || p[1] == 'u' || p[1] == 'f') && p[2] >= '0' && p[2] <= '9') {
      return atoi(p + 2) / 8;
    }
    p++;
  }
  return -1;
}

CUresult cuModuleGetFunction(CUfunction *hfunc, CUmodule hmod, const char *name) {
  if ((char *) hmod != module_text || module_text == NULL) return CUDA_ERROR_INVALID_HANDLE;
  char pattern[160];
  snprintf(pattern, sizeof pattern, ".entry %s(", name);
  const char *at = strstr(module_text, pattern);
  if (at == NULL || function_count == MAX_FUNCTIONS) return CUDA_ERROR_NOT_FOUND;
  struct stub_function *f = &functions[function_count++];
  memset(f, 0, sizeof *f);
  snprintf(f->name, sizeof f->name, "%s", name);
  const char *end = strchr(at, ')');
  for (const char *p = strstr(at, ".param"); p != NULL && p < end; p = strstr(p + 6, ".param")) {
    f->sizes[f->params++] = param_size(p + 6);
  }
  *hfunc = (CUfunction) f;
  return CUDA_SUCCESS;
}

CUresult cuFuncGetAttribute(int *pi, CUfunction_attribute attrib, CUfunction hfunc) {
  if (hfunc == NULL) return CUDA_ERROR_INVALID_HANDLE;
  if (attrib != CU_FUNC_ATTRIBUTE_MAX_THREADS_PER_BLOCK) return CUDA_ERROR_INVALID_VALUE;
  *pi = 1024;
  return CUDA_SUCCESS;
}

CUresult cuMemAlloc(CUdeviceptr *dptr, size_t bytesize) {
  if (current == NULL) return CUDA_ERROR_INVALID_CONTEXT;
  if (bytesize == 0) return CUDA_ERROR_INVALID_VALUE;
  if (bytesize > ((size_t) 1 << 40)) return CUDA_ERROR_OUT_OF_MEMORY;
  void *p = malloc(bytesize);
  if (p == NULL) return CUDA_ERROR_OUT_OF_MEMORY;
  memset(p, 0xAB, bytesize);
  live++;
  *dptr = (CUdeviceptr) (uintptr_t) p;
  return CUDA_SUCCESS;
}

CUresult cuMemFree(CUdeviceptr dptr) {
  free((void *) (uintptr_t) dptr);
  live--;
  return CUDA_SUCCESS;
}

CUresult cuMemcpyHtoD(CUdeviceptr dstDevice, const void *srcHost, size_t ByteCount) {
  memcpy((void *) (uintptr_t) dstDevice, srcHost, ByteCount);
  return CUDA_SUCCESS;
}

CUresult cuMemcpyDtoH(void *dstHost, CUdeviceptr srcDevice, size_t ByteCount) {
  memcpy(dstHost, (const void *) (uintptr_t) srcDevice, ByteCount);
  return CUDA_SUCCESS;
}

CUresult cuMemcpyDtoD(CUdeviceptr dstDevice, CUdeviceptr srcDevice, size_t ByteCount) {
  memmove((void *) (uintptr_t) dstDevice, (const void *) (uintptr_t) srcDevice, ByteCount);
  return CUDA_SUCCESS;
}

CUresult cuMemsetD8(CUdeviceptr dstDevice, unsigned char uc, size_t N) {
  memset((void *) (uintptr_t) dstDevice, uc, N);
  return CUDA_SUCCESS;
}

CUresult cuLaunchKernel(CUfunction f, unsigned int gridDimX, unsigned int gridDimY, unsigned int gridDimZ,
                        unsigned int blockDimX, unsigned int blockDimY, unsigned int blockDimZ,
                        unsigned int sharedMemBytes, CUstream hStream, void **kernelParams, void **extra) {
  if (current == NULL) return CUDA_ERROR_INVALID_CONTEXT;
  struct stub_function *fn = (struct stub_function *) f;
  if (blockDimX * blockDimY * blockDimZ > 1024 || gridDimX == 0) return CUDA_ERROR_INVALID_VALUE;
  snprintf(last.name, sizeof last.name, "%s", fn->name);
  last.grid[0] = gridDimX; last.grid[1] = gridDimY; last.grid[2] = gridDimZ;
  last.block[0] = blockDimX; last.block[1] = blockDimY; last.block[2] = blockDimZ;
  last.shared = sharedMemBytes;
  last.stream = hStream;
  last.extra = extra;
  last.params = fn->params;
  for (int i = 0; i < fn->params; i++) {
    last.sizes[i] = fn->sizes[i];
    memset(last.values[i], 0, 8);
    memcpy(last.values[i], kernelParams[i], (size_t) fn->sizes[i]);
  }
  fn->launches++;
  return CUDA_SUCCESS;
}

CUresult cuGetErrorName(CUresult error, const char **pStr) {
  switch (error) {
    case CUDA_SUCCESS: *pStr = "CUDA_SUCCESS"; return CUDA_SUCCESS;
    case CUDA_ERROR_OUT_OF_MEMORY: *pStr = "CUDA_ERROR_OUT_OF_MEMORY"; return CUDA_SUCCESS;
    case CUDA_ERROR_STUB_LIBRARY: *pStr = "CUDA_ERROR_STUB_LIBRARY"; return CUDA_SUCCESS;
    case CUDA_ERROR_NO_DEVICE: *pStr = "CUDA_ERROR_NO_DEVICE"; return CUDA_SUCCESS;
    case CUDA_ERROR_UNSUPPORTED_PTX_VERSION: *pStr = "CUDA_ERROR_UNSUPPORTED_PTX_VERSION"; return CUDA_SUCCESS;
    default: *pStr = NULL; return CUDA_ERROR_INVALID_VALUE;
  }
}

CUresult cuGetErrorString(CUresult error, const char **pStr) {
  switch (error) {
    case CUDA_ERROR_OUT_OF_MEMORY: *pStr = "out of memory"; return CUDA_SUCCESS;
    case CUDA_ERROR_UNSUPPORTED_PTX_VERSION: *pStr = "the provided PTX was compiled with an unsupported toolchain.";
      return CUDA_SUCCESS;
    default: *pStr = NULL; return CUDA_ERROR_INVALID_VALUE;
  }
}
