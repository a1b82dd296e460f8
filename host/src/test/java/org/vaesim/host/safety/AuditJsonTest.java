package org.vaesim.host.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The audit log's own JSON writer gives Jackson's text for every kind of value a record holds. */
class AuditJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, Object> everyKind() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("compute", List.of(1001, 131_217L));
        inner.put("empty", List.of());
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("plain", "market-0");
        f.put("escapes", "quote \" backslash \\ newline \n tab \t cr \r bell \u0007 unit-sep \u001f del \u007f");
        f.put("unicode", "Zürich 東京 \uD83D\uDE80");
        f.put("int", Integer.MIN_VALUE);
        f.put("long", Long.MAX_VALUE);
        f.put("double", 12.5);
        f.put("tiny", 1e-7);
        f.put("big", 3.0e21);
        f.put("negative_zero", -0.0);
        f.put("true", true);
        f.put("null", null);
        f.put("nested", inner);
        f.put("empty_map", Map.of());
        return f;
    }

    @Test
    void writesWhatJacksonWrites() throws Exception {
        StringBuilder out = new StringBuilder();
        AuditJson.append(out, everyKind());
        assertEquals(JSON.writeValueAsString(everyKind()), out.toString());
    }

    @Test
    void everyControlCharacterRoundTrips() throws Exception {
        char[] controls = new char[0x20];
        for (int c = 0; c < controls.length; c++) {
            controls[c] = (char) c;
        }
        String s = new String(controls);
        StringBuilder out = new StringBuilder();
        AuditJson.string(out, s);
        assertEquals(JSON.writeValueAsString(s), out.toString());
        assertEquals(s, JSON.readValue(out.toString(), String.class));
    }

    @Test
    void refusesWhatJsonCannotHold() {
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> AuditJson.append(new StringBuilder(), Map.of("x", Double.NaN)));
        assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());
        IllegalArgumentException array = assertThrows(IllegalArgumentException.class,
                () -> AuditJson.append(new StringBuilder(), new int[] {1}));
        assertTrue(array.getMessage().contains("cannot hold"), array.getMessage());
    }

    @Test
    void aRecordOfEveryKindVerifies(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve(AuditLog.FILE);
        try (AuditLog log = AuditLog.create(file)) {
            log.record(0, "epoch", everyKind());
            log.record(1, "kill \"quoted\"", Map.of("reason", "rule"));
        }
        AuditVerifier.Result r = AuditVerifier.verify(file);
        assertTrue(r.valid(), r.toString());
        assertEquals(2, r.records());
        assertEquals("Zürich 東京 \uD83D\uDE80",
                JSON.readTree(Files.readAllLines(file).get(0)).path("unicode").asText());
    }
}
