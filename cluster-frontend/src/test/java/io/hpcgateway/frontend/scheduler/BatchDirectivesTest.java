package io.hpcgateway.frontend.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class BatchDirectivesTest {

    @Test
    void readsLongShortAndAttachedFormsUntilTheFirstCommand() {
        BatchDirectives d = BatchDirectives.parse("""
                #!/bin/bash
                # a comment
                #SBATCH --time=0:30
                #SBATCH -J named
                #SBATCH -oout.txt
                #SBATCH --partition normal

                echo run
                #SBATCH --error=ignored.txt
                """);
        assertEquals("0:30", d.time());
        assertEquals("named", d.jobName());
        assertEquals("out.txt", d.output());
        assertEquals("normal", d.partition());
        assertNull(d.error(), "directives after the first command are not directives");
    }
}
