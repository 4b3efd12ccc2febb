package dev.beam.room;

/** A room's state at one moment, for the info API, metrics and health. */
public record RoomSnapshot(String name, boolean broadcasterPresent, boolean live, int viewers) {
}
