package dev.beam.stream;

import dev.beam.media.send.ViewerBandwidth;
import dev.beam.media.send.ViewerLayer;
import java.util.Locale;
import java.util.Objects;

/**
 * What a viewer's video is now, as its page shows it: the quality asked for, the simulcast layer
 * (rid) chosen and why, as wire names ({@code auto}, {@code fits-estimate}), the highest temporal
 * layer it gets (when frames above it are dropped), and the bandwidth estimate in bit/s. Each is
 * null where it does not apply: the layer without simulcast (a track's one stream has no rid),
 * the quality and reason without video, the temporal layer when every one goes, the estimate
 * without transport-cc.
 */
public record ViewerDelivery(String quality, String layer, String reason, Integer temporalLayer, Long estimateBps) {
    /** An estimate moving by less than this share is not news to the viewer. */
    static final double ESTIMATE_CHANGE = 0.05;

    public static ViewerDelivery of(ViewerLayer.State layer, ViewerBandwidth bandwidth) {
        return new ViewerDelivery(layer == null ? null : layer.quality().wireName(),
                layer == null ? null : layer.rid(), layer == null ? null : wireName(layer.reason()),
                layer == null || layer.temporalLayer() < 0 ? null : layer.temporalLayer(),
                bandwidth == null ? null : bandwidth.estimateBps());
    }

    /** Whether the viewer should hear of this after {@code previous} (null: nothing told yet). */
    boolean isNewsAfter(ViewerDelivery previous) {
        if (previous == null) {
            return true;
        }
        if (!Objects.equals(quality, previous.quality) || !Objects.equals(layer, previous.layer)
                || !Objects.equals(reason, previous.reason) || !Objects.equals(temporalLayer, previous.temporalLayer)) {
            return true;
        }
        if (estimateBps == null || previous.estimateBps == null) {
            return estimateBps != previous.estimateBps;
        }
        return Math.abs(estimateBps - previous.estimateBps) > ESTIMATE_CHANGE * previous.estimateBps;
    }

    /** An enum constant as the wire names it: {@code FITS_ESTIMATE} is {@code fits-estimate}. */
    public static String wireName(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
