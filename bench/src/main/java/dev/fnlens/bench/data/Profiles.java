package dev.fnlens.bench.data;

import dev.fnlens.bench.data.FunctionProfile.ErrorKind;
import java.util.List;

/**
 * Ten functions of different shapes, roughly what a small team runs: fast HTTP APIs, queue
 * consumers, heavy batch jobs. Weighted error rate about 2 %, cold starts about 3 %.
 */
public final class Profiles {
    private static final ErrorKind THROTTLED = new ErrorKind(
            "software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException",
            "Rate of requests exceeds the allowed throughput");
    private static final ErrorKind NPE = new ErrorKind("java.lang.NullPointerException",
            "Cannot invoke \"String.length()\" because \"value\" is null");
    private static final ErrorKind READ_TIMEOUT = new ErrorKind("java.net.SocketTimeoutException", "Read timed out");
    private static final ErrorKind DECLINED = new ErrorKind("com.example.payments.PaymentDeclinedException",
            "payment declined by issuer: insufficient funds");

    private Profiles() {
    }

    public static List<FunctionProfile> standard() {
        return List.of(
                new FunctionProfile("orders-api", 512, 45, 0.5, 0.015, 0.001, 0.02, 6, 20, 6,
                        "http", null, true, List.of(NPE, THROTTLED,
                        new ErrorKind("java.lang.IllegalStateException", "order already shipped"))),
                new FunctionProfile("payments-processor", 1024, 180, 0.6, 0.04, 0.005, 0.03, 10, 10, 4,
                        "pubsub", "aws:sqs", true, List.of(DECLINED, DECLINED, READ_TIMEOUT)),
                new FunctionProfile("image-resizer", 2048, 850, 0.7, 0.02, 0.01, 0.05, 30, 5, 3,
                        "datasource", "aws:s3", false, List.of(
                        new ErrorKind("javax.imageio.IIOException", "Unsupported Image Type"),
                        new ErrorKind("java.lang.OutOfMemoryError", "Java heap space"))),
                new FunctionProfile("auth-authorizer", 256, 12, 0.4, 0.005, 0, 0.01, 3, 25, 8,
                        "http", null, false, List.of(
                        new ErrorKind("com.example.auth.InvalidTokenException", "JWT signature does not match"))),
                new FunctionProfile("notifications-sender", 256, 95, 0.8, 0.02, 0.005, 0.04, 10, 8, 3,
                        "pubsub", "aws:sns", true, List.of(READ_TIMEOUT,
                        new ErrorKind("software.amazon.awssdk.services.ses.model.MessageRejectedException",
                                "Email address is not verified"))),
                new FunctionProfile("inventory-sync", 1024, 1200, 0.5, 0.03, 0.02, 0.06, 15, 3, 2,
                        "timer", "aws:events", false, List.of(THROTTLED, READ_TIMEOUT)),
                new FunctionProfile("reports-generator", 3008, 4500, 0.6, 0.025, 0.03, 0.08, 60, 1, 1,
                        "timer", "aws:events", true, List.of(
                        new ErrorKind("java.lang.OutOfMemoryError", "Java heap space"), NPE)),
                new FunctionProfile("user-profile", 512, 30, 0.5, 0.01, 0, 0.02, 6, 15, 5,
                        "http", null, true, List.of(NPE,
                        new ErrorKind("com.example.users.UserNotFoundException", "no user with this id"))),
                new FunctionProfile("search-indexer", 1536, 320, 0.6, 0.02, 0.005, 0.03, 20, 6, 3,
                        "datasource", "aws:dynamodb", false, List.of(READ_TIMEOUT, THROTTLED)),
                new FunctionProfile("webhook-dispatcher", 512, 220, 1.0, 0.03, 0.01, 0.03, 5, 7, 4,
                        "http", null, false, List.of(READ_TIMEOUT,
                        new ErrorKind("java.net.ConnectException", "Connection refused"))));
    }
}
