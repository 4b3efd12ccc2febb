package dev.beam.room;

import java.util.ArrayList;
import java.util.List;

/** Writes down the room events one peer receives, as short strings. */
final class RecordingListener implements PeerListener {
    final List<String> events = new ArrayList<>();

    List<String> drain() {
        List<String> copy = List.copyOf(events);
        events.clear();
        return copy;
    }

    @Override
    public void viewerCount(String room, int viewers) {
        events.add("viewer-count " + viewers);
    }

    @Override
    public void streamStarted(String room) {
        events.add("stream-started");
    }

    @Override
    public void streamEnded(String room) {
        events.add("stream-ended");
    }

    @Override
    public void userJoined(String room, String peerId) {
        events.add("user-joined " + peerId);
    }

    @Override
    public void userLeft(String room, String peerId) {
        events.add("user-left " + peerId);
    }
}
