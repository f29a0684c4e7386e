package io.hpcgateway.gateway.billing;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.hpcgateway.gateway.audit.AuditLog;
import io.hpcgateway.gateway.job.GatewayJob;
import io.hpcgateway.gateway.platform.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.conversions.Bson;

/**
 * Seed 002's dispute flow: the job's owner flags its final charge with a reason; an admin upholds
 * it (crediting back up to what is due) or rejects it. One open dispute per job; a dispute is
 * resolved once, and a refund can never take a charge below zero, even when two admins race.
 */
@ApplicationScoped
public class Disputes {

    static final int MAX_REASON = 2000;

    private final Charges charges;
    private final AuditLog audit;

    Disputes(Charges charges, AuditLog audit) {
        this.charges = charges;
        this.audit = audit;
    }

    Dispute flag(GatewayJob job, String reason) {
        if (reason == null || reason.isBlank() || reason.length() > MAX_REASON) {
            throw ApiException.badRequest("reason", "'reason' must say what is wrong with the charge, in 1 to "
                    + MAX_REASON + " characters");
        }
        JobCharge charge = charges.finalCharge(job).orElseThrow(() -> ApiException.conflict("Job " + job.id
                + " has no final charge yet; a charge can be disputed once the job has ended and been accounted",
                Map.of("state", job.state)));
        if (Dispute.count("jobId = ?1 and status = ?2", job.id, Dispute.Status.OPEN) > 0) {
            throw ApiException.conflict("Job " + job.id + " already has an open dispute; wait for its resolution",
                    Map.of());
        }
        Dispute dispute = new Dispute();
        dispute.id = UUID.randomUUID().toString();
        dispute.jobId = job.id;
        dispute.owner = job.owner;
        dispute.reason = reason.strip();
        dispute.status = Dispute.Status.OPEN;
        dispute.flaggedAt = Instant.now();
        dispute.persist();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("dispute_id", dispute.id);
        details.put("amount_due", charge.amountDue());
        audit.record("dispute_flagged", job.id, job.cluster, job.owner, details, true);
        return dispute;
    }

    Dispute resolve(String id, String outcome, Long refund, String note, String admin) {
        Dispute dispute = Dispute.<Dispute>findByIdOptional(id).orElseThrow(() -> ApiException.notFound("Dispute", id));
        Dispute.Status status = switch (outcome == null ? "" : outcome.strip().toLowerCase()) {
            case "upheld" -> Dispute.Status.UPHELD;
            case "rejected" -> Dispute.Status.REJECTED;
            default -> throw ApiException.badRequest("outcome", "'outcome' must be 'upheld' or 'rejected'");
        };
        long amount = refund == null ? 0 : refund;
        if (status == Dispute.Status.REJECTED && amount != 0) {
            throw ApiException.badRequest("refundAmount", "a rejected dispute refunds nothing; leave 'refundAmount' out");
        }
        if (dispute.status != Dispute.Status.OPEN) {
            throw ApiException.conflict("Dispute " + id + " was already resolved (" + dispute.status.wireName() + ")",
                    Map.of("status", dispute.status));
        }
        JobCharge charge = JobCharge.findById(dispute.jobId);
        if (status == Dispute.Status.UPHELD && (amount <= 0 || amount > charge.amountDue())) {
            throw ApiException.badRequest("refundAmount", "'refundAmount' must be between 1 and the amount due, "
                    + charge.amountDue());
        }
        Dispute resolved = Dispute.<Dispute>mongoCollection().findOneAndUpdate(
                Filters.and(Filters.eq("_id", id), Filters.eq("status", Dispute.Status.OPEN)),
                Updates.combine(Updates.set("status", status), Updates.set("refundAmount", amount),
                        Updates.set("resolutionNote", note), Updates.set("resolvedBy", admin),
                        Updates.set("resolvedAt", Instant.now())),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (resolved == null) {
            throw ApiException.conflict("Dispute " + id + " was resolved meanwhile", Map.of());
        }
        // Atomic on the charge: however refunds race, they never exceed its total.
        if (amount > 0 && JobCharge.mongoCollection().updateOne(Filters.and(Filters.eq("_id", charge.jobId),
                Filters.lte("refunded", charge.invoice.total - amount)), Updates.inc("refunded", amount))
                .getModifiedCount() == 0) {
            Dispute.mongoCollection().updateOne(Filters.eq("_id", id), Updates.combine(
                    Updates.set("status", Dispute.Status.OPEN), Updates.set("refundAmount", 0L)));
            throw ApiException.conflict("The charge of job " + dispute.jobId + " was refunded meanwhile; "
                    + "resolve again with at most what is now due", Map.of());
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("dispute_id", id);
        details.put("outcome", status.wireName());
        details.put("refund_amount", amount);
        audit.record("dispute_resolved", dispute.jobId, charge.cluster, admin, details, true);
        return resolved;
    }

    /** Disputes newest first: one customer's, or everyone's when {@code owner} is null; optionally of one status. */
    List<Dispute> list(String owner, String status) {
        List<Bson> filters = new ArrayList<>();
        if (owner != null) {
            filters.add(Filters.eq("owner", owner));
        }
        if (status != null && !status.isBlank()) {
            try {
                filters.add(Filters.eq("status", Dispute.Status.valueOf(status.strip().toUpperCase())));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("status", "'status' must be open, upheld or rejected");
            }
        }
        return Dispute.<Dispute>mongoCollection().find(filters.isEmpty() ? Filters.empty() : Filters.and(filters))
                .sort(Sorts.descending("flaggedAt")).into(new ArrayList<>());
    }
}
