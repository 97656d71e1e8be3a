package org.eventdedup.matching.blocking;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.eventdedup.config.domain.model.BlockingConfig;
import org.eventdedup.config.domain.model.BoundingBox;
import org.eventdedup.matching.model.Geo;
import org.eventdedup.matching.scoring.PreparedListing;

/**
 * Blocking keys (matching-spec B §4.1–4.3 with Part A): for each date of a listing (ranges already expanded by the
 * preparer up to {@code blocking.max_range_days}), in input order, {@code dc|date|city} when the normalised city is
 * non-empty and {@code dg|date|lat|lon} when the geo is trusted — coordinates and confidence present, confidence
 * at least {@code min_geo_confidence}, inside {@code bounding_box} (null = anywhere). The grid cell is the nearest
 * multiple of the cell size ({@code Math.rint}, half-even like Python's {@code round}) formatted with 2 decimals.
 */
public final class BlockingKeys {

    private final BlockingConfig config;

    public BlockingKeys(BlockingConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public List<String> keysFor(PreparedListing listing) {
        List<LocalDate> dates = listing.dates();
        if (dates.isEmpty()) {
            return List.of();
        }
        String city = listing.normalizedCity();
        String cell = isTrusted(listing.geo()) ? gridCell(listing.geo().latitude(), listing.geo().longitude()) : null;
        if (city.isEmpty() && cell == null) {
            return List.of();
        }
        // dates are distinct, so the keys are too
        List<String> keys = new ArrayList<>(dates.size() * 2);
        for (LocalDate date : dates) {
            String day = date.toString();
            if (!city.isEmpty()) {
                keys.add("dc|" + day + "|" + city);
            }
            if (cell != null) {
                keys.add("dg|" + day + "|" + cell);
            }
        }
        return keys;
    }

    /** True when the geo may be used for blocking. */
    public boolean isTrusted(Geo geo) {
        if (geo == null || geo.confidence() == null) {
            return false;
        }
        if (geo.confidence() < config.minGeoConfidence()) {
            return false;
        }
        BoundingBox box = config.boundingBox();
        return box == null || box.contains(geo.latitude(), geo.longitude());
    }

    /** {@code "48.15|7.80"}: the nearest grid multiples of latitude and longitude, 2 decimals. */
    public String gridCell(double latitude, double longitude) {
        return format(Math.rint(latitude / config.geoGridLatDeg()) * config.geoGridLatDeg()) + "|"
                + format(Math.rint(longitude / config.geoGridLonDeg()) * config.geoGridLonDeg());
    }

    private static String format(double value) {
        // the exact binary value rounded half-even, as Python's "%.2f" does (BigDecimal has no -0, like int 0 there)
        return new BigDecimal(value).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }
}
