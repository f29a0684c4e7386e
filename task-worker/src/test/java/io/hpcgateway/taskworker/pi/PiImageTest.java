package io.hpcgateway.taskworker.pi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class PiImageTest {

    @Test
    void theEstimateIsNearPiAndTheSameSeedGivesTheSameCount() {
        long inside = PiImage.inside(2_000_000, 7);
        assertEquals(Math.PI, 4.0 * inside / 2_000_000, 0.01);
        assertEquals(inside, PiImage.inside(2_000_000, 7));
        assertNotEquals(inside, PiImage.inside(2_000_000, 8));
    }
}
