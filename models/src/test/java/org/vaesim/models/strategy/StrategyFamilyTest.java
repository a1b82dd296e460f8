package org.vaesim.models.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.vaesim.models.scenario.ParamsReader;

/** The registry's order is the population's layout: the built-in codes are pinned, so results cannot move. */
class StrategyFamilyTest {
    @Test
    void builtInFamiliesKeepTheirCodes() {
        List<StrategyFamily> pinned = List.of(StrategyFamily.ZI_C, StrategyFamily.ZI_U, StrategyFamily.FUNDAMENTALIST,
                StrategyFamily.CHARTIST, StrategyFamily.MARKET_MAKER, StrategyFamily.HFT, StrategyFamily.EXECUTION,
                StrategyFamily.KINETIC, StrategyFamily.NEGOTIATION, StrategyFamily.MANIPULATOR, StrategyFamily.BIDDER,
                StrategyFamily.TRUTHFUL, StrategyFamily.NOISE, StrategyFamily.ORDER_DRIVEN, StrategyFamily.SWITCHING);
        for (int code = 0; code < pinned.size(); code++) {
            assertEquals(code, pinned.get(code).code(), pinned.get(code).jsonName());
        }
        assertEquals(pinned, Arrays.asList(StrategyFamily.values()).subList(0, pinned.size()));
        assertEquals(List.of("zi-c", "zi-u", "fundamentalist", "chartist", "market-maker", "hft", "execution",
                "kinetic", "negotiation", "manipulator", "bidder", "truthful", "noise", "order-driven", "switching"),
                pinned.stream().map(StrategyFamily::jsonName).toList());
    }

    @Test
    void familiesAreFoundByNameAndOrderedByCode() {
        assertSame(StrategyFamily.HFT, StrategyFamily.named("hft"));
        assertNull(StrategyFamily.named("HFT"));
        assertEquals(-1, StrategyFamily.ZI_U.compareTo(StrategyFamily.FUNDAMENTALIST));
    }

    @Test
    void anUnregisteredFamilyOrABadNameSaysWhatToDo() {
        StrategyFamily stray = new StrategyFamily("stray", ParamsReader.BIDDER);
        IllegalStateException e = assertThrows(IllegalStateException.class, stray::code);
        assertEquals("strategy family 'stray' is not registered: list its FamilyPlugin in"
                + " META-INF/services/org.vaesim.models.strategy.FamilyPlugin", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new StrategyFamily("Bad Name", ParamsReader.BIDDER));
    }
}
