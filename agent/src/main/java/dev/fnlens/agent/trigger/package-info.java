/** Internal: which event started an invocation (API Gateway, SQS, S3, ...), recognised cheaply on the handler's thread. */
package dev.fnlens.agent.trigger;
