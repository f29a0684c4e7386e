package io.hpcgateway.gateway.event;

/** A CDI event: this gateway stored the event with this id (so its feed need not wait for the next poll). */
record EventAppended(long id) {}
