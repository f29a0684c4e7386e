package io.hpcgateway.frontend.scheduler;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An advance reservation, as FirecREST reports it: times in seconds since the epoch. */
@Schema(name = "Reservation")
public record ReservationModel(String name, String nodeList, long startTime, long endTime, String features,
                               String state) {}
