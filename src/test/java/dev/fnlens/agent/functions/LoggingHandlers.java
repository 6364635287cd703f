package dev.fnlens.agent.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.util.Map;
import java.util.logging.Logger;

/** Functions that log through each channel Lambda users use; each writes one INFO-ish and one WARN-ish event. */
public class LoggingHandlers {
    public String console(Map<String, Object> event, Context context) {
        System.out.println("plain line from stdout");
        System.err.println("problem line from stderr");
        System.out.println("{\"level\":\"WARN\",\"message\":\"json line\",\"orderId\":\"o-7\"}");
        return "ok";
    }

    public String lambdaLogger(Map<String, Object> event, Context context) {
        context.getLogger().log("lambda logger line");
        context.getLogger().log("lambda logger warning", LogLevel.WARN);
        return "ok";
    }

    public String jul(Map<String, Object> event, Context context) {
        Logger logger = Logger.getLogger("orders");
        logger.info("jul info line");
        logger.warning("jul warning line");
        return "ok";
    }

    public String log4j(Map<String, Object> event, Context context) {
        org.apache.logging.log4j.Logger logger = org.apache.logging.log4j.LogManager.getLogger("orders");
        logger.info("log4j info line");
        logger.warn("log4j warning line", new IllegalStateException("log4j attached exception"));
        return "ok";
    }

    public String logback(Map<String, Object> event, Context context) {
        org.slf4j.Logger logger = org.slf4j.LoggerFactory.getLogger("orders");
        logger.info("logback info line");
        logger.warn("logback warning line");
        return "ok";
    }
}
