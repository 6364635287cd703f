package dev.fnlens.testkit.opensearch;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * Several OpenSearch nodes on loopback forming one cluster, for tests of a store spread over
 * nodes:
 *
 * <pre>{@code
 * try (OpenSearchCluster cluster = OpenSearchCluster.start(zip, 2, workDir, "512m")) {
 *     OpenSearchNode manager = cluster.clusterManager();
 *     cluster.nodes().stream().filter(n -> n != manager).findFirst().orElseThrow().kill();
 *     cluster.awaitHealth(1, "yellow");
 * }
 * }</pre>
 *
 * Node {@code i} (from 0) is named {@code node-<i+1>}, with its own {@code home}, {@code data}
 * and {@code logs} under {@code workDir/node-<i+1>/}. Every node is cluster-manager-eligible.
 * With two nodes only one of them votes (OpenSearch keeps the voting configuration odd), so
 * the cluster survives the loss of the other one, not of {@link #clusterManager()}: the node
 * left then answers 503 {@code cluster_manager_not_discovered_exception}.
 */
public final class OpenSearchCluster implements AutoCloseable {
    private final List<OpenSearchNode> nodes;

    private OpenSearchCluster(List<OpenSearchNode> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    /** Starts {@code count} nodes at once and waits until the cluster has them all and is green. */
    public static OpenSearchCluster start(Path distribution, int count, Path workDir, String heap) throws IOException {
        if (count < 1) {
            throw new IllegalArgumentException("a cluster needs a node: " + count);
        }
        List<OpenSearchNode.Config> configs = configs(distribution, count, workDir, heap);
        ExecutorService threads = Executors.newFixedThreadPool(count);
        CompletionService<OpenSearchNode> starts = new ExecutorCompletionService<>(threads);
        for (OpenSearchNode.Config config : configs) {
            starts.submit(() -> OpenSearchNode.start(config));
        }
        threads.shutdown();
        List<OpenSearchNode> started = new ArrayList<>();
        String failure = null;
        for (int i = 0; i < count; i++) {
            try {
                started.add(starts.take().get());
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = String.valueOf(e.getCause().getMessage());
                    threads.shutdownNow(); // the others would wait for the failed one until they time out
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = "interrupted";
                threads.shutdownNow();
                break;
            }
        }
        OpenSearchCluster cluster = new OpenSearchCluster(started);
        if (failure != null) {
            cluster.close();
            throw new IOException("OpenSearch cluster of " + count + " did not start (its other nodes were stopped): "
                    + failure);
        }
        try {
            cluster.awaitHealth(count, "green");
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** Node {@code i} from 0 ({@code node-<i+1>}). */
    public OpenSearchNode node(int i) {
        return nodes.get(i);
    }

    public List<OpenSearchNode> nodes() {
        return nodes;
    }

    /** Every node's HTTP address, running or not, in node order. */
    public List<URI> uris() {
        return nodes.stream().map(OpenSearchNode::uri).toList();
    }

    /** The address of the first node that runs. */
    public URI uri() {
        return running().uri();
    }

    /** The node elected cluster manager, as a running node sees it. */
    public OpenSearchNode clusterManager() throws IOException {
        String name = Http.expectOk("GET", uri().resolve("/_cat/cluster_manager?h=node"), null).strip();
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow(() -> new IOException("no node named '" + name + "' in this cluster"));
    }

    /**
     * Waits (up to two minutes) until a running node says the cluster has {@code nodes} nodes
     * and is at least {@code status} ({@code green} or {@code yellow}).
     */
    public void awaitHealth(int nodeCount, String status) throws IOException {
        String query = "/_cluster/health?wait_for_nodes=" + nodeCount + "&wait_for_status=" + status + "&timeout=5s";
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                Http.Response r = Http.get(running().uri().resolve(query));
                if (r.ok()) {
                    return;
                }
                last = r.status() + " " + r.body();
            } catch (IOException | IllegalStateException e) {
                last = e.toString();
            }
            sleep();
        }
        throw new IOException("OpenSearch cluster not " + status + " with " + nodeCount + " nodes within 2 min ("
                + last + "); the end of each node's log:\n" + nodes.stream()
                .map(n -> n.name() + " (" + n.log() + "):\n" + OpenSearchNode.tail(n.log()))
                .collect(Collectors.joining("\n\n")));
    }

    /** Stops every node, at once. */
    @Override
    public void close() {
        List<Thread> stops = nodes.stream().map(n -> new Thread(n::close, "opensearch-stop-" + n.name())).toList();
        stops.forEach(Thread::start);
        for (Thread stop : stops) {
            try {
                stop.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private OpenSearchNode running() {
        return nodes.stream().filter(OpenSearchNode::isRunning).findFirst()
                .orElseThrow(() -> new IllegalStateException("no node of the cluster runs"));
    }

    private static List<OpenSearchNode.Config> configs(Path distribution, int count, Path workDir, String heap) {
        int[] ports = OpenSearchNode.freePorts(2 * count); // http, transport of node-1, then of node-2...
        List<String> names = new ArrayList<>();
        List<String> seeds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add("node-" + (i + 1));
            seeds.add("127.0.0.1:" + ports[2 * i + 1]);
        }
        List<OpenSearchNode.Config> configs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path dir = workDir.resolve(names.get(i));
            OpenSearchNode.Config single = OpenSearchNode.Config.of(distribution, dir);
            configs.add(new OpenSearchNode.Config(distribution, dir.resolve("home"), dir.resolve("data"),
                    dir.resolve("logs"), heap, single.user(), single.startTimeout(), ports[2 * i], ports[2 * i + 1],
                    single.settings())
                    .withSetting("discovery.type", null)
                    .withSetting("node.name", names.get(i))
                    .withSetting("discovery.seed_hosts", String.join(",", seeds))
                    .withSetting("cluster.initial_cluster_manager_nodes", String.join(",", names)));
        }
        return configs;
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for OpenSearch", e);
        }
    }
}
