package io.hpcgateway.taskworker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PipelineTest {

    private static LeasedTask task(String id) {
        return new LeasedTask(id, 1, null, 0.01);
    }

    @Test
    void aCompletionIsKeptUntilAcknowledgedAndDrainingGivesBackWhatNeverStarted() throws InterruptedException {
        Pipeline pipeline = new Pipeline();
        pipeline.leased(List.of(task("b.0"), task("b.1"), task("b.2")));
        assertEquals(5, pipeline.room(8), "three held of eight: five more fit");
        LeasedTask first = pipeline.take();
        assertEquals("b.0", first.id());
        assertEquals(5, pipeline.room(8), "two queued and one running leave five of eight");
        pipeline.finished(new Completion("b.0", 1, "completed", null, null, 0, 10));
        assertEquals(1, pipeline.pending());
        pipeline.acknowledged(Set.of("b.9"));
        assertEquals(1, pipeline.pending(), "only an acknowledgement of this completion forgets it");
        pipeline.drain();
        assertFalse(pipeline.drained(), "a completion is still to be reported");
        assertNull(pipeline.take(), "a draining worker starts nothing more");
        pipeline.acknowledged(Set.of("b.0"));
        assertTrue(pipeline.drained());
        assertEquals(List.of("b.1", "b.2"), pipeline.unstarted());
        assertEquals(0, pipeline.room(8));
    }

    @Test
    void idleMeansNothingHeldRunningOrUnreportedForTheTimeout() {
        Pipeline pipeline = new Pipeline();
        assertTrue(pipeline.idleFor(Duration.ZERO));
        assertFalse(pipeline.idleFor(Duration.ofHours(1)));
        pipeline.leased(List.of(task("b.0")));
        assertFalse(pipeline.idleFor(Duration.ZERO));
    }
}
