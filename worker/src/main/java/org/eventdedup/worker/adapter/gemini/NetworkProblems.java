package org.eventdedup.worker.adapter.gemini;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import javax.net.ssl.SSLException;

/**
 * A failed exchange with the provider said in words an operator understands ("connection refused by
 * 127.0.0.1:1"), never as a Java class name. Every {@link IOException} of an exchange means the provider was not
 * reached or the connection broke (an error answer is a response, not an exception). The texts hold no key: the
 * key travels in a header, not the URL.
 */
final class NetworkProblems {

    private NetworkProblems() {
    }

    static String describe(IOException e, URI target, Duration connectTimeout, Duration requestTimeout) {
        String host = target.getHost() + (target.getPort() > 0 ? ":" + target.getPort() : "");
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection to " + host + " within " + seconds(connectTimeout);
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer from " + host + " within " + seconds(requestTimeout);
        }
        if (e instanceof ConnectException) {
            return "connection refused by " + host;
        }
        if (e instanceof UnknownHostException) {
            return "unknown host " + target.getHost() + " (the name does not resolve)";
        }
        if (e instanceof NoRouteToHostException) {
            return "no route to " + host;
        }
        if (e instanceof SSLException) {
            return "secure connection to " + host + " failed" + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        return "connection to " + host + " lost" + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
