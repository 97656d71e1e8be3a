package org.eventdedup.config.adapter.http;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.eventdedup.config.domain.port.in.ConfigView;
import org.eventdedup.config.domain.port.in.ReadConfigUseCase;
import org.eventdedup.http.ResponseJson;

/**
 * The serialized GET /api/config body, rebuilt only when the stored version moved (another server wrote) or this
 * server wrote. Both keys matter: the version alone cannot see changes that keep it (nothing saved yet, version 0,
 * and a future write that does not bump it), the write generation alone cannot see other servers' writes.
 */
final class ConfigBodyCache {

    record Body(long version, long generation, byte[] bytes, String etag) {
    }

    private final ReadConfigUseCase read;
    private final ResponseJson json;
    private final AtomicReference<Body> cached = new AtomicReference<>();
    private final AtomicLong generation = new AtomicLong();

    ConfigBodyCache(ReadConfigUseCase read, ResponseJson json) {
        this.read = read;
        this.json = json;
    }

    /** The current body; one cheap version read when nothing changed. */
    Body current() {
        long gen = generation.get();
        long version = read.currentVersion();
        Body body = cached.get();
        if (body != null && body.version() == version && body.generation() == gen) {
            return body;
        }
        return store(read.current(), gen);
    }

    /** Called after every write of this server with the view the write returned; that view becomes the body. */
    Body afterWrite(ConfigView view) {
        long gen = generation.incrementAndGet();
        return store(view, gen);
    }

    /** A write whose outcome is unknown (it failed half-way): forget the body. */
    void invalidate() {
        generation.incrementAndGet();
        cached.set(null);
    }

    private Body store(ConfigView view, long gen) {
        Body body = render(view, gen);
        // a concurrent write may have moved on meanwhile; keep only a body that is still of the latest generation
        cached.accumulateAndGet(body, (old, neu) -> old == null || neu.generation() >= old.generation() ? neu : old);
        return body;
    }

    private Body render(ConfigView view, long gen) {
        return new Body(view.version(), gen, json.write(ConfigJsonMapper.view(view)), etag(view.version()));
    }

    static String etag(long version) {
        return "\"" + version + "\"";
    }
}
