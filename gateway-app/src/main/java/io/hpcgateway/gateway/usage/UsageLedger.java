package io.hpcgateway.gateway.usage;

import io.quarkus.mongodb.panache.PanacheMongoEntityBase;
import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import org.bson.codecs.pojo.annotations.BsonId;

/**
 * The usage reporter's bookkeeping for one job: what its records so far add up to, and the job
 * folder's size samples. Written by the reporter alone, after the record it accounts for.
 */
@MongoEntity(collection = "usage_ledgers")
public class UsageLedger extends PanacheMongoEntityBase {
    @BsonId
    public String jobId;
    /** Records written; the next one is {@code sequence + 1}. */
    public int sequence;
    public Instant lastPeriodEnd;
    /** The sum of the job's records: its totals as last reported. */
    public UsageMetrics reported;
    public String lastState;
    /** The job folder's size at the last sample, and the byte-seconds integrated up to it. */
    public Long storageBytes;
    public Instant storageSampledAt;
    public Long storageByteSeconds;
    /** Since when the job's final accounting has been awaited, how often, and why it is not there. */
    public Instant waitingSince;
    public int attempts;
    public String problem;

    static UsageLedger start(String jobId) {
        UsageLedger ledger = new UsageLedger();
        ledger.jobId = jobId;
        return ledger;
    }

    /** Takes a written record into account. */
    void recorded(UsageRecord record) {
        sequence = record.sequence;
        lastPeriodEnd = record.periodEnd;
        reported = reported == null ? record.metrics : reported.plus(record.metrics);
        lastState = record.jobState;
        waitingSince = null;
        attempts = 0;
        problem = null;
    }

    void waiting(Instant now, String why) {
        waitingSince = waitingSince == null ? now : waitingSince;
        attempts++;
        problem = why;
    }
}
