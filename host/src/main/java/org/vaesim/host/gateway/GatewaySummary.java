package org.vaesim.host.gateway;

import org.vaesim.host.epoch.Engine;
import org.vaesim.kernels.gateway.GatewayPlan;
import org.vaesim.models.gateway.GatewaySpec;
import org.vaesim.models.market.MarketSpec;
import org.vaesim.models.market.ResourceType;
import org.vaesim.models.scenario.Money;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** summary.json's {@code gateway} block (fields in docs/outputs.md, definitions in docs/permeability.md). */
final class GatewaySummary {
    private GatewaySummary() {
    }

    static ObjectNode of(GatewayStage stage, Engine engine) {
        GatewaySpec spec = engine.scenario().gateway();
        GatewayState s = stage.state();
        ObjectNode g = JsonNodeFactory.instance.objectNode();
        g.put("open", s.open(engine.epoch()));
        g.put("switch_open", s.switchOpen);
        if (s.closedUntil > engine.epoch()) {
            if (s.closedUntil == GatewayState.FOREVER) {
                g.put("closed_until_epoch", "end");
            } else {
                g.put("closed_until_epoch", s.closedUntil);
            }
        }
        ObjectNode closures = g.putObject("closures");
        closures.put("circuit_breaker", s.breakerClosures);
        closures.put("operator", s.operatorClosures);
        g.put("active_epochs", s.activeEpochs);
        g.put("fee_bps", spec.feeBps());
        cap(g, "cap_per_epoch", spec.capPerEpoch());
        cap(g, "cap_per_principal", spec.capPerPrincipal());
        var allowed = g.putArray("allowed_resources");
        for (ResourceType r : spec.allowedResources()) {
            allowed.add(r.jsonName());
        }
        ObjectNode rate = g.putObject("rate");
        rate.put("initial", Money.toCredits(spec.rate().initial()));
        rate.put("final", Money.toCredits(s.rate));
        rate.put("max_drawdown", s.rateMaxDrawdown);
        ObjectNode flows = g.putObject("flows");
        flows.put("agent_currency_out", Money.toCredits(s.acOut));
        flows.put("agent_currency_in", Money.toCredits(s.acIn));
        flows.put("external_money_for_exports", Money.toCredits(s.emForExports));
        flows.put("external_money_from_imports", Money.toCredits(s.emFromImports));
        flows.put("external_money_for_agent_currency", Money.toCredits(s.emForAc));
        flows.put("external_money_from_agent_currency", Money.toCredits(s.emFromAc));
        flows.put("fees", Money.toCredits(s.fees));
        var markets = g.putArray("markets");
        for (int l = 0; l < s.links; l++) {
            GatewaySpec.Link link = spec.links().get(l);
            MarketSpec market = engine.scenario().markets().get(link.marketIndex());
            ObjectNode m = markets.addObject();
            m.put("name", market.name());
            m.put("resource", link.resource().jsonName());
            m.put("allowed", spec.allows(link.resource()));
            m.put("exported", s.exported[l]);
            m.put("imported", s.imported[l]);
            m.put("external_price_initial", Money.toCredits(link.external().initial()));
            m.put("external_price", Money.toCredits(s.price[l]));
            double external = s.priceMaxDrawdown[l];
            double internal = engine.markets().maxDrawdown[link.marketIndex()];
            m.put("external_max_drawdown", external);
            m.put("internal_max_drawdown", internal);
            if (internal > 0) {
                m.put("pass_through", external / internal);
            } else {
                m.putNull("pass_through");
            }
            ObjectNode out = m.putObject("return_correlation");
            for (int k = 0; k <= GatewayState.LAGS; k++) {
                number(out, "lag" + k, s.correlation(l, k));
            }
            ObjectNode in = m.putObject("reverse_correlation");
            for (int k = 1; k <= GatewayState.LAGS; k++) {
                number(in, "lag" + k, s.correlation(l, GatewayState.LAGS + k));
            }
            m.put("held_outside", s.goodsHeld[l]);
        }
        ObjectNode exposure = g.putObject("exposure");
        long pnl = s.externalPnl();
        exposure.put("external_pnl", Money.toCredits(pnl));
        exposure.put("exposure", Money.toCredits(Math.max(0, -pnl)));
        exposure.put("peak_exposure", Money.toCredits(s.peakExposure));
        exposure.put("peak_exposure_epoch", s.peakExposureEpoch);
        exposure.put("agent_currency_held", Money.toCredits(s.acHeld));
        exposure.put("agent_currency_cost", Money.toCredits(s.acCost));
        exposure.put("realized", Money.toCredits(s.realized));
        ExternalParties parties = ExternalParties.of(stage, engine);
        exposure.put("all_parties", Money.toCredits(parties.exposure()));
        exposure.put("external_side_pnl", Money.toCredits(parties.total()));
        var each = exposure.putArray("parties");
        party(each, "external market", "external_market", parties.marketPnl());
        for (int p = 0; p < stage.plan().brokerPrincipals(); p++) { // the others hold nothing outside
            party(each, stage.plan().principals().get(p), "broker_principal", parties.principalPnl()[p]);
        }
        party(each, "gateway fees", "fee_account", parties.fees());
        ObjectNode offshore = g.putObject("offshore_agent_currency");
        offshore.put("initial", Money.toCredits(s.offshoreInitial));
        offshore.put("final", Money.toCredits(s.offshore));
        GatewayPlan plan = stage.plan();
        long[] initial = initialMoney(engine, plan);
        var principals = g.putArray("principals");
        for (int p = 0; p < plan.brokerPrincipals(); p++) {
            ObjectNode n = principals.addObject();
            n.put("name", plan.principals().get(p));
            n.put("external_money_initial", Money.toCredits(initial[p]));
            n.put("external_money", Money.toCredits(s.principalMoney[p]));
        }
        if (s.openAccess) {
            openAccess(g.putObject("open_access"), engine, s);
        }
        return g;
    }

    /** What the open-access agents did: their rule, and their share of the flows (docs/outputs.md#the-gateway). */
    private static void openAccess(ObjectNode o, Engine engine, GatewayState s) {
        GatewaySpec.OpenAccess rule = engine.scenario().gateway().openAccess();
        var cohorts = o.putArray("cohorts");
        for (int c : rule.cohorts()) {
            cohorts.add(engine.scenario().cohorts().get(c).name());
        }
        o.put("threshold_ticks_min", rule.thresholdMin());
        o.put("threshold_ticks_max", rule.thresholdMax());
        o.put("max_units", rule.maxUnits());
        o.put("crossings", s.openCrossings);
        o.put("agent_currency_received", Money.toCredits(s.openAcReceived));
        o.put("agent_currency_paid", Money.toCredits(s.openAcPaid));
        o.put("fees", Money.toCredits(s.openFees));
        var markets = o.putArray("markets");
        GatewaySpec spec = engine.scenario().gateway();
        for (int l = 0; l < s.links; l++) {
            ObjectNode m = markets.addObject();
            m.put("market", engine.scenario().markets().get(spec.links().get(l).marketIndex()).name());
            m.put("exported", s.openExported[l]);
            m.put("imported", s.openImported[l]);
        }
    }

    /** Each broker principal's external money at the start: its cohorts' count x external_cash. */
    private static long[] initialMoney(Engine engine, GatewayPlan plan) {
        long[] money = new long[plan.principals().size()];
        for (GatewaySpec.Broker b : engine.scenario().gateway().brokers()) {
            var seg = engine.layout().segments().get(b.cohortIndex());
            money[plan.principals().indexOf(seg.cohort().identity().principal())] += b.externalCash() * seg.size();
        }
        return money;
    }

    private static void party(ArrayNode parties, String name, String kind,
                              long pnl) {
        ObjectNode n = parties.addObject();
        n.put("party", name);
        n.put("kind", kind);
        n.put("pnl", Money.toCredits(pnl));
        n.put("loss", Money.toCredits(Math.max(0, -pnl)));
    }

    private static void cap(ObjectNode g, String name, long cap) {
        if (cap == GatewaySpec.NO_CAP) {
            g.putNull(name);
        } else {
            g.put(name, Money.toCredits(cap));
        }
    }

    private static void number(ObjectNode n, String name, double v) {
        if (Double.isFinite(v)) {
            n.put(name, v);
        } else {
            n.putNull(name);
        }
    }
}
