package dev.fnlens.agent.logs;

import dev.fnlens.agent.AgentLog;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * java.util.logging: brackets the root logger's handlers with two of ours, so that what its
 * ConsoleHandler prints for one record becomes one log entry with the record's level. Installed
 * once JUL is in use (its LogManager has been loaded), off the handler's thread.
 */
public final class JulCapture {
    private static final Start START = new Start();
    private static final End END = new End();

    private JulCapture() {
    }

    /** Idempotent: puts the bracket around the root logger's current handlers, again if it was removed. */
    public static synchronized void install() {
        try {
            Logger root = Logger.getLogger("");
            Handler[] handlers = root.getHandlers();
            if (handlers.length > 0 && handlers[0] == START && handlers[handlers.length - 1] == END) {
                return;
            }
            for (Handler handler : handlers) {
                root.removeHandler(handler);
            }
            root.addHandler(START);
            for (Handler handler : handlers) {
                if (handler != START && handler != END) {
                    root.addHandler(handler);
                }
            }
            root.addHandler(END);
        } catch (Throwable t) {
            AgentLog.debug("java.util.logging not captured", t);
        }
    }

    private static final class Start extends Handler {
        @Override
        public void publish(LogRecord record) {
            LogHooks.appendEnter(record, null, "jul");
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    private static final class End extends Handler {
        @Override
        public void publish(LogRecord record) {
            LogHooks.appendExit();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
