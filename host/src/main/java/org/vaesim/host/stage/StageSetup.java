package org.vaesim.host.stage;

import org.vaesim.kernels.Backend;
import org.vaesim.kernels.memory.Layout;
import org.vaesim.models.scenario.Scenario;

/** What a {@link StageKind} builds its stage from: the run's scenario, its layout and the backend it runs on. */
public record StageSetup(Scenario scenario, Layout layout, Backend backend) {
}
