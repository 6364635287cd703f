package dev.fnlens.testkit.opensearch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;

/**
 * OpenSearch for integration tests. The distribution zip is named by the system property
 * {@code fnlens.opensearch.zip} (the failsafe configuration of a module that uses this sets
 * it). When OpenSearch cannot start here — no zip, or a root JVM without {@code runuser} or
 * a way to have the {@code fnlens-opensearch} user — the calling test is skipped, unless
 * {@code FNLENS_REQUIRE_OPENSEARCH} is set (CI sets it): then it fails, so a missing
 * OpenSearch can never pass for a green build.
 *
 * <pre>{@code
 * @BeforeAll
 * static void startOpenSearch() throws IOException {
 *     node = OpenSearchSupport.startNode(OpenSearchSupport.workDir("MyStoreIT"));
 * }
 * }</pre>
 */
public final class OpenSearchSupport {
    public static final String ZIP_PROPERTY = "fnlens.opensearch.zip";
    public static final String REQUIRE = "FNLENS_REQUIRE_OPENSEARCH";
    /** Each test node's heap. */
    public static final String HEAP = "512m";

    private OpenSearchSupport() {
    }

    /** The distribution zip, once it is sure OpenSearch can start here; otherwise skips (or fails). */
    public static Path distribution() {
        String zip = System.getProperty(ZIP_PROPERTY);
        String why;
        try {
            boolean root = SystemUser.isRoot();
            why = whyNot(zip, zip != null && Files.isRegularFile(Path.of(zip)), root,
                    !root || SystemUser.onPath("runuser"),
                    !root || SystemUser.onPath("useradd") || SystemUser.exists(OpenSearchNode.DEFAULT_USER));
        } catch (IOException e) {
            why = "could not tell who this JVM runs as: " + e;
        }
        check(why, System.getenv(REQUIRE));
        return Path.of(zip);
    }

    /** A single node ({@value #HEAP} heap) under {@code workDir}. */
    public static OpenSearchNode startNode(Path workDir) throws IOException {
        return OpenSearchNode.start(OpenSearchNode.Config.of(distribution(), workDir).withHeap(HEAP));
    }

    /** A cluster of {@code nodes} ({@value #HEAP} heap each) under {@code workDir}, green. */
    public static OpenSearchCluster startCluster(int nodes, Path workDir) throws IOException {
        return OpenSearchCluster.start(distribution(), nodes, workDir, HEAP);
    }

    /**
     * An empty directory {@code target/opensearch-work/<name>}, emptied if it was there. A
     * JUnit {@code @TempDir} would not do: the OpenSearch user cannot enter it. When the checkout
     * itself lies where that user cannot enter (a clone under a 0700 {@code mktemp -d}), the
     * directory is made under the system's temporary directory instead, one per checkout.
     */
    public static Path workDir(String name) throws IOException {
        Path target = Path.of("target").toAbsolutePath();
        Path base = target.resolve("opensearch-work");
        if (SystemUser.isRoot() && SystemUser.unreachableParent(base.resolve(name), OpenSearchNode.DEFAULT_USER) != null) {
            base = Path.of(System.getProperty("java.io.tmpdir"),
                    "fnlens-opensearch-" + Integer.toHexString(target.toString().hashCode()));
            Files.createDirectories(base);
            Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path dir = base.resolve(name);
        Distribution.deleteTree(dir);
        return Files.createDirectories(dir);
    }

    /** Why OpenSearch cannot start here, or null when it can. */
    static String whyNot(String zip, boolean zipIsFile, boolean root, boolean runuser, boolean user) {
        if (zip == null || zip.isBlank()) {
            return "the system property " + ZIP_PROPERTY + " does not name the OpenSearch distribution zip";
        }
        if (!zipIsFile) {
            return "no OpenSearch distribution at " + zip + " (mvn verify copies it there)";
        }
        if (root && !runuser) {
            return "OpenSearch refuses to run as root and there is no runuser to start it as "
                    + OpenSearchNode.DEFAULT_USER;
        }
        if (root && !user) {
            return "OpenSearch refuses to run as root and there is no user " + OpenSearchNode.DEFAULT_USER
                    + " nor useradd to create it";
        }
        return null;
    }

    static void check(String whyNot, String required) {
        if (whyNot == null) {
            return;
        }
        if (required != null && !required.isBlank()) {
            throw new AssertionError(REQUIRE + " is set but OpenSearch cannot start here: " + whyNot);
        }
        Assumptions.abort("OpenSearch cannot start here, test skipped: " + whyNot);
    }
}
