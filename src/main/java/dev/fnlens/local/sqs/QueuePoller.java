package dev.fnlens.local.sqs;

import dev.fnlens.local.FunctionPool;
import dev.fnlens.local.InvocationResult;
import dev.fnlens.local.TooManyRequestsException;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Lambda's SQS event source mapping: receives batches, invokes the function, deletes what succeeded. A failed
 * invocation leaves the whole batch to come back after the visibility timeout; a batch response leaves only
 * the messages it names as failed.
 */
public final class QueuePoller implements Runnable {
    private final LocalQueue queue;
    private final FunctionPool function;
    private final int batchSize;
    private final String queueArn;
    private final String region;
    private final Consumer<String> log;

    public QueuePoller(LocalQueue queue, FunctionPool function, int batchSize, String region, Consumer<String> log) {
        this.queue = queue;
        this.function = function;
        this.batchSize = batchSize;
        this.region = region;
        this.queueArn = "arn:aws:sqs:" + region + ":000000000000:" + queue.name();
        this.log = log;
    }

    @Override
    public void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                List<QueueMessage> batch = queue.receive(batchSize, 1_000);
                if (!batch.isEmpty()) {
                    deliver(batch);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.accept("queue " + queue.name() + ": " + e.getMessage());
            }
        }
    }

    void deliver(List<QueueMessage> batch) throws InterruptedException {
        InvocationResult result;
        try {
            result = function.invoke(SqsEvents.batch(queueArn, region, batch));
        } catch (TooManyRequestsException e) {
            return; // throttled: the batch comes back after the visibility timeout
        } catch (java.io.IOException e) {
            log.accept("queue " + queue.name() + ": cannot start " + function.function().name() + ": " + e.getMessage());
            return;
        }
        if (result.failed()) {
            return;
        }
        Set<String> failed = SqsEvents.failedItems(result.payload());
        queue.deleteAll(batch.stream().filter(m -> !failed.contains(m.messageId())).toList());
    }
}
