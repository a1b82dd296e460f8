package org.vaesim.models.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vaesim.models.market.ResourceType;
import org.vaesim.models.mission.MissionSpec;

/** missions: what a mission parses to, its defaults, and each bad input's file, path and what is allowed. */
class MissionConfigTest {
    private static final String SOURCE = "configs/mission.json";

    /**
     * An agency of 10 agents with 100 credits each sponsors 40 tasks, 10 a round, reserve 2.00 on a grid of 0.05;
     * two bidder cohorts; a fee-charging market "m" and a fee-free one "free".
     */
    private static String doc(String extraMissionFields) {
        return """
            { "name": "mission", "seed": 1, "epochs": 20,
              "markets": [ {"name": "m", "resource": "compute", "tick_size": 0.01, "ticks": 1000, "initial_price": 1,
                            "fee_bps": 20},
                           {"name": "free", "resource": "data", "tick_size": 0.01, "ticks": 1000, "initial_price": 1} ],
              "population": [
                {"name": "agency", "strategy": "bidder", "market": "m", "count": 10, "cash": 100},
                {"name": "cheap", "strategy": "bidder", "market": "m", "count": 500, "principal": "swarm"},
                {"name": "pro", "strategy": "zi-c", "market": "m", "count": 50, "cash": 5,
                 "params": {"side": "buy", "value_min": 1, "value_max": 2}} ],
              "missions": [
                {"name": "map", "tick_size": 0.05, "ticks": 200, "sponsor": {"type": "cohort", "cohort": "agency"},
                 "tasks": 40, "tasks_per_round": 10, "every": 2, "start_epoch": 1, "deadline_epoch": 15,
                 "reserve_price": 2.00, "advance": 0.2, "budget": 500%s,
                 "bidders": [ {"cohort": "cheap", "cost_min": 0.50, "cost_max": 1.50,
                               "capability_min": 0.3, "capability_max": 0.6},
                              {"cohort": "pro", "cost_min": 1.00, "cost_max": 2.00,
                               "capability_min": 0.9, "capability_max": 0.99} ] } ] }
            """.formatted(extraMissionFields);
    }

    private static MissionSpec parse(String json) throws ConfigException {
        return ScenarioLoader.parse(json, SOURCE).missions().getFirst();
    }

    @Test
    void parsesTheMissionOnItsOwnGridWithExactShares() throws ConfigException {
        MissionSpec m = parse(doc(""));
        assertEquals("map", m.name());
        assertEquals(50_000, m.tickSize());
        assertEquals(40, m.reserveTick(), "2.00 / 0.05");
        assertEquals(2_000_000, m.reserveMicros());
        assertEquals(500_000_000, m.budget());
        assertEquals(40, m.tasks());
        assertEquals(10, m.tasksPerRound());
        assertEquals(200_000, m.advancePpm());
        // sorted cohorts: zi-c first (pro), then the bidders (agency, cheap)
        assertEquals(new MissionSpec.CohortSponsor(1), m.sponsor());
        assertEquals(List.of(new MissionSpec.Bidder(2, 10, 30, 300_000, 600_000),
                new MissionSpec.Bidder(0, 20, 40, 900_000, 990_000)), m.bidders());
        assertEquals(MissionSpec.Policy.NONE, m.policy());
        assertEquals("none", m.policy().label());
        assertEquals(41, m.scoreWidth(), "without reputation weighting, scores are the asks: ticks 1 to the reserve");
        assertTrue(!m.runsAt(0) && m.runsAt(1) && !m.runsAt(2) && m.runsAt(15) && !m.runsAt(17),
                "every 2 epochs from epoch 1 to the deadline, epoch 15");
        // the scenario tracks no reputation: the defaults of the gate's rule
        assertEquals(20_000, m.reputationGainPpm());
        assertEquals(250_000, m.reputationLossPpm());
    }

    @Test
    void defaultsAreAllTasksAtOnceUntilTheLastEpochPaidOnlyOnDelivery() throws ConfigException {
        String json = doc("").replace("\"tasks_per_round\": 10, \"every\": 2, \"start_epoch\": 1, \"deadline_epoch\": 15,",
                "").replace("\"advance\": 0.2, ", "").replace("\"budget\": 500", "\"budget\": 80");
        MissionSpec m = parse(json);
        assertEquals(40, m.tasksPerRound());
        assertEquals(0, m.startEpoch());
        assertEquals(19, m.deadlineEpoch());
        assertEquals(1, m.every());
        assertEquals(0, m.advancePpm());
    }

    @Test
    void policyLeversParseExactly() throws ConfigException {
        MissionSpec m = parse(doc(", \"min_capability\": 0.25, \"reputation\": {\"gain\": 0.05, \"loss\": 0.5},"
                + " \"policy\": {\"subsidy\": {\"per_task\": 0.25, \"budget\": 30}, \"tax\": {\"fee_share\": 0.333333},"
                + " \"reputation_weight\": 2, \"min_reputation\": 0.1}"));
        assertEquals(250_000, m.minCapabilityPpm());
        assertEquals(50_000, m.reputationGainPpm());
        assertEquals(500_000, m.reputationLossPpm());
        MissionSpec.Policy p = m.policy();
        assertEquals(new MissionSpec.Subsidy(250_000, 30_000_000), p.subsidy());
        assertEquals(new MissionSpec.Tax(333_333, List.of(0)), p.tax(), "by default every market with a fee");
        assertEquals(2, p.reputationWeight());
        assertEquals(100_000, p.minReputationPpm());
        assertEquals("subsidy+tax+reputation", p.label());
        // the reserve (40 ticks) divided twice by 0.1: 4000 score ticks
        assertEquals(4001, m.scoreWidth());
    }

    @Test
    void reputationDefaultsToTheScenariosSafetyRule() throws ConfigException {
        String json = doc("").replace("\"missions\"",
                "\"safety\": {\"reputation\": {\"initial\": 0.5, \"gain\": 0.1, \"loss\": 0.3}}, \"missions\"");
        MissionSpec m = parse(json);
        assertEquals(100_000, m.reputationGainPpm());
        assertEquals(300_000, m.reputationLossPpm());
    }

    @Test
    void scoresAndThresholdPaymentsRoundSoThatWinnersAreNeverPaidBelowTheirAsk() {
        // 7 / 0.3 = 23.33 -> 24; 24 x 0.3 = 7.2 -> 7: the winner who asked 7 is paid 7 at the score price 24
        assertEquals(24, MissionSpec.score(7, 300_000, 1));
        assertEquals(7, MissionSpec.payment(24, 300_000, 1, 40));
        // twice: 7 / 0.3 -> 24, 24 / 0.3 -> 80; 80 x 0.3 -> 24, 24 x 0.3 -> 7
        assertEquals(80, MissionSpec.score(7, 300_000, 2));
        assertEquals(7, MissionSpec.payment(80, 300_000, 2, 40));
        assertEquals(7, MissionSpec.score(7, 1, 0));
        assertEquals(40, MissionSpec.payment(-1, 300_000, 1, 40), "nobody rejected: the reserve");
        assertEquals(40, MissionSpec.payment(500, 900_000, 1, 40), "never above the reserve");
        for (int ask = 1; ask <= 200; ask++) {
            for (int rep = 1_000; rep <= 1_000_000; rep += 7_919) {
                for (int w = 0; w <= 3; w++) {
                    long s = MissionSpec.score(ask, rep, w);
                    assertTrue(MissionSpec.payment(s, rep, w, 1_000_000) >= ask, ask + " " + rep + " " + w);
                }
            }
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // budgets that do not cover reserves: 10 tasks x 2.00 = 20 credits a round
        "\"budget\": 500|\"budget\": 19.95|$.missions[0].budget|19.95|does not cover one round's 10 tasks at the"
                + " reserve price 2 (20 credits)",
        // the sponsor cohort cannot pay the budget: 10 agents x 100 credits
        "\"budget\": 500|\"budget\": 1000.01|$.missions[0].budget|1000.01|the sponsor cohort \"agency\" cannot pay"
                + " it: split over its 10 agents it is 100.001 credits each",
        // tasks with no eligible agent
        "\"cost_min\": 0.50, \"cost_max\": 1.50|\"cost_min\": 2.05, \"cost_max\": 3.00|$.missions[0].bidders[0]"
                + ".cost_min|2.05|no agent of cohort \"cheap\" could ever ask a price the mission accepts",
        "\"reserve_price\": 2.00|\"reserve_price\": 2.00, \"min_capability\": 0.7|$.missions[0].bidders[0]"
                + ".capability_max|0.6|below the mission's min_capability 0.7: no agent of cohort \"cheap\" is"
                + " eligible for its tasks",
        // other fields
        "\"tasks_per_round\": 10|\"tasks_per_round\": 41|$.missions[0].tasks_per_round|41|from 1 to 40",
        "\"deadline_epoch\": 15|\"deadline_epoch\": 0|$.missions[0].deadline_epoch|0|from 1 to 19",
        "\"deadline_epoch\": 15|\"deadline_epoch\": 20|$.missions[0].deadline_epoch|20|from 1 to 19",
        "\"reserve_price\": 2.00|\"reserve_price\": 2.01|$.missions[0].reserve_price|2.01|off the tick grid",
        "\"advance\": 0.2|\"advance\": 1|$.missions[0].advance|1|in [0, 1)",
        "\"cohort\": \"agency\"}|\"cohort\": \"nobody\"}|$.missions[0].sponsor.cohort|\"nobody\"|must name a cohort",
        "{\"type\": \"cohort\", \"cohort\": \"agency\"}|{\"type\": \"state\"}|$.missions[0].sponsor.type|\"state\""
                + "|must be one of \"cohort\", \"external\"",
        "{\"type\": \"cohort\", \"cohort\": \"agency\"}|{\"type\": \"external\", \"cohort\": \"agency\"}"
                + "|$.missions[0].sponsor.cohort|\"agency\"|unknown field; allowed fields: type",
        "{\"cohort\": \"pro\"|{\"cohort\": \"cheap\"|$.missions[0].bidders[1].cohort|\"cheap\""
                + "|already bids in this mission at $.missions[0].bidders[0]",
        "\"capability_min\": 0.9, \"capability_max\": 0.99|\"capability_min\": 0.9, \"capability_max\": 1.5"
                + "|$.missions[0].bidders[1].capability_max|1.5|in [0, 1]",
        "\"capability_min\": 0.9, \"capability_max\": 0.99|\"capability_min\": 0.9, \"capability_max\": 0.8"
                + "|$.missions[0].bidders[1].capability_max|0.8|must be at least capability_min (0.9)",
        "\"cost_min\": 1.00, \"cost_max\": 2.00|\"cost_min\": 1.00, \"cost_max\": 0.95"
                + "|$.missions[0].bidders[1].cost_max|0.95|must be at least cost_min (1.00)",
        "\"budget\": 500|\"budget\": 500, \"colour\": 1|$.missions[0].colour|1|unknown field; allowed fields: name,"
                + " tick_size, ticks, sponsor, tasks, tasks_per_round, every, start_epoch, deadline_epoch,"
                + " reserve_price, advance, budget, min_capability, reputation, policy, bidders",
    })
    void rejectsBadMissionFieldsNamingFilePathAndWhatIsAllowed(String snippet, String replacement, String path,
                                                               String bad, String allowed) {
        String json = doc("");
        assertTrue(json.contains(snippet), snippet);
        ConfigException e = assertThrows(ConfigException.class, () -> parse(json.replace(snippet, replacement)));
        assertEquals(SOURCE, e.source());
        assertEquals(path, e.jsonPath(), e.getMessage());
        assertEquals(bad, e.badValue(), e.getMessage());
        assertTrue(e.allowed().contains(allowed), e.getMessage());
        assertTrue(e.getMessage().startsWith(SOURCE + ": " + path + " = "), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"reputation_weight\": 1|$.missions[0].policy.min_reputation|(missing)|required when reputation_weight > 0",
        "\"reputation_weight\": 4, \"min_reputation\": 0.5|$.missions[0].policy.reputation_weight|4|from 0 to 3",
        "\"reputation_weight\": 1, \"min_reputation\": 0|$.missions[0].policy.min_reputation|0|in (0, 1]",
        // 40 ticks / 0.00001^2 is far beyond the histogram's 2^20 score ticks
        "\"reputation_weight\": 2, \"min_reputation\": 0.00001|$.missions[0].policy.min_reputation|0.00001"
                + "|scores (ask / reputation^2) reach 400000000000 ticks, more than the 1048575",
        "\"tax\": {\"fee_share\": 0.5, \"markets\": [\"free\"]}|$.missions[0].policy.tax.markets[0]|\"free\""
                + "|market \"free\" charges no fee (fee_bps 0)",
        "\"tax\": {\"fee_share\": 0.5, \"markets\": [\"gone\"]}|$.missions[0].policy.tax.markets[0]|\"gone\""
                + "|must name a market, one of \"m\", \"free\"",
        "\"tax\": {\"fee_share\": 0}|$.missions[0].policy.tax.fee_share|0|in (0, 1]",
        "\"subsidy\": {\"per_task\": 0.5, \"budget\": 0.25}|$.missions[0].policy.subsidy.budget|0.25"
                + "|does not cover the subsidy of one task (0.5 credits)",
        "\"subsidies\": {}|$.missions[0].policy.subsidies|{}|unknown field; allowed fields: subsidy, tax,"
                + " reputation_weight, min_reputation",
    })
    void rejectsBadPolicyLevers(String policy, String path, String bad, String allowed) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> parse(doc(", \"policy\": {" + policy + "}")));
        assertEquals(path, e.jsonPath(), e.getMessage());
        assertEquals(bad, e.badValue(), e.getMessage());
        assertTrue(e.allowed().contains(allowed), e.getMessage());
    }

    @Test
    void aReputationFloorAboveTheStartingReputationLeavesNoEligibleAgent() {
        String json = doc(", \"policy\": {\"reputation_weight\": 1, \"min_reputation\": 0.6}").replace("\"missions\"",
                "\"safety\": {\"reputation\": {\"initial\": 0.5}}, \"missions\"");
        ConfigException e = assertThrows(ConfigException.class, () -> parse(json));
        assertEquals("$.missions[0].policy.min_reputation", e.jsonPath());
        assertTrue(e.allowed().contains("above the reputation agents start with (0.5)"), e.getMessage());
    }

    @Test
    void aTaxNeedsAMarketThatChargesFees() {
        String json = doc(", \"policy\": {\"tax\": {\"fee_share\": 0.5}}").replace("\"fee_bps\": 20", "\"fee_bps\": 0");
        ConfigException e = assertThrows(ConfigException.class, () -> parse(json));
        assertEquals("$.missions[0].policy.tax.fee_share", e.jsonPath());
        assertTrue(e.allowed().contains("no market charges a fee"), e.getMessage());
    }

    @Test
    void aSubsidyLetsCostlierCohortsBidAndIsCountedInTheEligibilityCheck() throws ConfigException {
        // cost_min 2.05 is above the reserve 2.00, but with a subsidy of 0.10 the ask is 1.95
        String json = doc(", \"policy\": {\"subsidy\": {\"per_task\": 0.1, \"budget\": 10}}")
                .replace("\"cost_min\": 0.50, \"cost_max\": 1.50", "\"cost_min\": 2.05, \"cost_max\": 3.00");
        assertEquals(41, parse(json).bidders().getFirst().costMinTick());
    }

    @Test
    void anExternalSponsorNeedsNoCohortCash() throws ConfigException {
        String json = doc("").replace("{\"type\": \"cohort\", \"cohort\": \"agency\"}", "{\"type\": \"external\"}")
                .replace("\"budget\": 500", "\"budget\": 100000");
        MissionSpec m = parse(json);
        assertInstanceOf(MissionSpec.ExternalSponsor.class, m.sponsor());
        assertNull(m.policy().subsidy());
    }

    @Test
    void scenarioBuilderAddsMissions() {
        var s = ScenarioBuilder.named("b").seed(1).epochs(3)
                .market("m", ResourceType.COMPUTE, "0.01", 100, "0.50")
                .cohort(Map.of("name", "x", "strategy", "bidder", "market", "m", "count", 4, "cash", 1))
                .mission(Map.of("name", "a", "tick_size", 0.01, "ticks", 100, "sponsor", Map.of("type", "external"),
                        "tasks", 3, "reserve_price", 0.5, "budget", 1.5,
                        "bidders", List.of(Map.of("cohort", "x", "cost_min", 0.1, "cost_max", 0.2,
                                "capability_min", 0.5, "capability_max", 1))))
                .build();
        assertEquals(3, s.missions().getFirst().tasksPerRound());
    }
}
