package org.eventdedup.worker.adapter.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.eventdedup.http.HttpProblem;
import org.eventdedup.http.ResponseJson;
import org.eventdedup.matching.cluster.LabelContradiction;
import org.eventdedup.worker.query.LabelSummary;
import org.eventdedup.worker.query.MeasureQuality;
import org.eventdedup.worker.query.QualityFigures;
import org.eventdedup.worker.query.SummariseLabels;

/**
 * How good the canonical events are and what the labels say, registered on the config server (viewers may read):
 * <ul>
 *   <li>{@code GET /api/quality} — {@code {precision, recall, f1, labelled_pairs, labels, imported_pairs}} of the
 *       stored canonical events against imported truth joined by labels (figures null when nothing is labelled);</li>
 *   <li>{@code GET /api/labels/summary} — {@code {labels, same, different, contradictions: [{ids, detail}]}}.</li>
 * </ul>
 */
public final class QualityHttpRoutes implements Consumer<Javalin> {

    private final MeasureQuality quality;
    private final SummariseLabels labels;
    private final ResponseJson json = new ResponseJson();

    public QualityHttpRoutes(MeasureQuality quality, SummariseLabels labels) {
        this.quality = Objects.requireNonNull(quality, "quality");
        this.labels = Objects.requireNonNull(labels, "labels");
    }

    @Override
    public void accept(Javalin app) {
        app.get("/api/quality", this::quality);
        app.get("/api/labels/summary", this::labelSummary);
        app.exception(HttpProblem.class, (e, ctx) -> WorkerHttpRoutes.problem(ctx, e, json));
    }

    private void quality(Context ctx) {
        new QueryParameters(ctx.queryParamMap(), Set.of());
        QualityFigures figures = quality.measure();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("precision", figures.precision());
        body.put("recall", figures.recall());
        body.put("f1", figures.f1());
        body.put("labelled_pairs", figures.labelledPairs());
        body.put("labels", figures.labels());
        body.put("imported_pairs", figures.importedPairs());
        send(ctx, body);
    }

    private void labelSummary(Context ctx) {
        new QueryParameters(ctx.queryParamMap(), Set.of());
        LabelSummary summary = labels.summary();
        List<Map<String, Object>> contradictions = new ArrayList<>(summary.contradictions().size());
        for (LabelContradiction c : summary.contradictions()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("ids", c.ids());
            item.put("detail", c.detail());
            contradictions.add(item);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("labels", summary.labels());
        body.put("same", summary.same());
        body.put("different", summary.different());
        body.put("contradictions", contradictions);
        send(ctx, body);
    }

    private void send(Context ctx, Object body) {
        ctx.header("Cache-Control", "no-store");
        ctx.status(200).contentType(WorkerHttpRoutes.JSON_TYPE).result(json.write(body));
    }
}
