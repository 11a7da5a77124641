package org.paperdigest.config;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.CoreConstants;
import org.slf4j.LoggerFactory;

/**
 * Logback's {@code %ex} with credentials masked by {@link Secrets#mask}. The stack trace is shown
 * only with LOG_LEVEL=debug; otherwise one line names the root cause, so an operator reads a
 * sentence, not a trace.
 */
public final class MaskedThrowable extends ThrowableProxyConverter {
    @Override
    public String convert(ILoggingEvent event) {
        IThrowableProxy proxy = event.getThrowableProxy();
        if (proxy == null) {
            return "";
        }
        if (LoggerFactory.getLogger("org.paperdigest").isDebugEnabled()) {
            return Secrets.mask(super.convert(event));
        }
        IThrowableProxy root = proxy;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String type = root.getClassName().substring(root.getClassName().lastIndexOf('.') + 1);
        return Secrets.mask("  cause: " + type + (root.getMessage() == null ? "" : ": " + root.getMessage().strip().lines().findFirst().orElse("")))
                + " (LOG_LEVEL=debug shows the stack trace)" + CoreConstants.LINE_SEPARATOR;
    }
}
