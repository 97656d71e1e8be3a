package org.eventdedup.worker.adapter.gemini.violation;

/** Breaks "within the worker only the HTTP adapter uses Javalin". */
public class GeminiUsingJavalin {
    io.javalin.Javalin app;
}
