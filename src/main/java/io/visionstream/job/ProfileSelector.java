package io.visionstream.job;

import io.visionstream.reject.Echo;
import io.visionstream.reject.RejectReason;
import io.visionstream.reject.RejectedInputException;
import io.visionstream.io.ImageRecord;
import io.visionstream.model.InputProfile;
import io.visionstream.model.ModelHandler;
import io.visionstream.model.ModelSpec;
import io.visionstream.serving.ServedModels;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Picks a record's input-size profile: its {@code profile} header, else its stream's profile from
 * {@code profiles.streams} where the model has that profile, else the model's default input. A header that
 * names a profile the model does not have is the sender's mistake and is rejected (UNKNOWN_PROFILE); a stream
 * profile is a default for all the stream's models, so models without it just use their own default.
 */
final class ProfileSelector implements Serializable {
    private final Map<String, String> byStream;

    ProfileSelector(Map<String, String> byStream) {
        this.byStream = Map.copyOf(byStream);
    }

    /** Fails the job at start-up when profiles.streams names a profile no served model has. */
    void check(ServedModels served) {
        for (Map.Entry<String, String> e : byStream.entrySet()) {
            boolean known = served.names().stream().anyMatch(m -> served.get(m).profiles().containsKey(e.getValue()));
            if (!known) {
                throw new IllegalArgumentException("profiles.streams: stream '" + e.getKey() + "' names profile '"
                        + e.getValue() + "', which none of the served models " + served.names() + " has");
            }
        }
    }

    InputProfile select(ImageRecord in, ModelHandler handler) throws RejectedInputException {
        ModelSpec spec = handler.spec();
        String asked = in.profile == null || in.profile.isBlank() ? null : in.profile.strip();
        if (asked == null) {
            String streamDefault = byStream.get(in.stream);
            InputProfile p = handler.takesProfiles() && streamDefault != null ? spec.profile(streamDefault) : null;
            return p == null ? spec.defaultProfile() : p;
        }
        if (!handler.takesProfiles()) {
            if (asked.equals(InputProfile.DEFAULT)) {
                return spec.defaultProfile();
            }
            throw new RejectedInputException(RejectReason.UNKNOWN_PROFILE, "model '" + spec.name() + "' has a fixed "
                    + spec.inputWidth() + "x" + spec.inputHeight() + " input and takes no profile (asked for '" + Echo.header(asked) + "')");
        }
        InputProfile p = spec.profile(asked);
        if (p == null) {
            List<String> known = new ArrayList<>(List.of(InputProfile.DEFAULT));
            known.addAll(spec.profiles().keySet());
            throw new RejectedInputException(RejectReason.UNKNOWN_PROFILE, "model '" + spec.name() + "' has no profile '"
                    + Echo.header(asked) + "'; its profiles: " + String.join(", ", known));
        }
        return p;
    }
}
