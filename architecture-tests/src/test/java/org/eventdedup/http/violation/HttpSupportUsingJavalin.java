package org.eventdedup.http.violation;

/** Breaks "the shared HTTP support depends only on the JDK, Jackson and itself". */
public class HttpSupportUsingJavalin {
    io.javalin.http.Context context;
}
