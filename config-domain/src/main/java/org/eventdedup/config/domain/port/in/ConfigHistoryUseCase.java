package org.eventdedup.config.domain.port.in;

import java.util.List;
import java.util.Optional;
import org.eventdedup.config.domain.port.out.HistoryEntry;

public interface ConfigHistoryUseCase {
    List<HistoryEntry> history(int limit, Long beforeVersion);

    /** The complete document of that version, as a {@link ConfigView} with the version's metadata. */
    Optional<ConfigView> version(long version);
}
