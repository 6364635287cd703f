package dev.fnlens.local;

import java.nio.file.Path;

/**
 * How the local runtime starts execution environments.
 *
 * @param collectorEndpoint where the agent ships telemetry ({@code FNLENS_ENDPOINT}); null: no agent attached
 * @param logDir            where each environment's stdout/stderr is written, one file per log stream
 */
public record RuntimeSettings(RuntimeFiles files, String collectorEndpoint, String region, Path logDir) {
}
