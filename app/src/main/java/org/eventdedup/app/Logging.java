package org.eventdedup.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import org.slf4j.LoggerFactory;

/**
 * Configures logback from {@code EVENT_DEDUP_LOG_LEVEL} and {@code EVENT_DEDUP_LOG_JSON}. Logs go to stderr so that
 * command output on stdout (a generated key, benchmark JSON) stays machine-readable.
 */
final class Logging {
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX,UTC} %-5level [%thread] %logger{36} - %msg%n";

    private Logging() {
    }

    static void configure(AppSettings.LogLevel level, boolean json) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();

        Encoder<ILoggingEvent> encoder = json ? jsonEncoder(context) : patternEncoder(context);
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("console");
        console.setTarget("System.err");
        console.setEncoder(encoder);
        console.start();

        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(level.name()));
        root.addAppender(console);
        // Jetty and the embedded PostgreSQL are chatty at DEBUG; keep them at INFO unless TRACE is asked for.
        if (level == AppSettings.LogLevel.DEBUG) {
            context.getLogger("org.eclipse.jetty").setLevel(Level.INFO);
        }
        // Javalin's startup lines (including its "your version is N days old" nag) say nothing operators act on
        context.getLogger("io.javalin.Javalin").setLevel(Level.WARN);
    }

    /** One JSON object per line: timestamp, level, thread, logger, formatted message, MDC, throwable. */
    private static Encoder<ILoggingEvent> jsonEncoder(LoggerContext context) {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        encoder.setWithArguments(false);
        encoder.setWithMessage(false);
        encoder.setWithFormattedMessage(true);
        encoder.start();
        return encoder;
    }

    private static Encoder<ILoggingEvent> patternEncoder(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        return encoder;
    }
}
