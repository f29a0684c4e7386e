package io.hpcgateway.gateway.billing;

import io.hpcgateway.gateway.idempotency.Idempotent;
import io.hpcgateway.gateway.identity.UserAccount;
import io.hpcgateway.gateway.identity.Users;
import io.hpcgateway.gateway.job.JobRequest;
import io.hpcgateway.gateway.job.JobService;
import io.hpcgateway.gateway.placement.Placement;
import io.hpcgateway.gateway.platform.ApiException;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** Rates, promotional codes, monthly invoices and the admins' side of disputes. */
@Path("/api/v2/billing")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "billing")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "Missing or invalid token")
public class BillingResource {

    public record PromoCodeRequest(String code) {}

    public record PromoCode(String code, int discountBps, Instant redeemedAt) {}

    public record Resolution(String outcome, Long refundAmount, String note) {}

    private final Charges charges;
    private final Disputes disputes;
    private final DiscountPolicy discounts;
    private final Users users;
    private final SecurityIdentity identity;

    private final JobService jobs;

    BillingResource(Charges charges, Disputes disputes, DiscountPolicy discounts, Users users,
                    SecurityIdentity identity, JobService jobs) {
        this.jobs = jobs;
        this.charges = charges;
        this.disputes = disputes;
        this.discounts = discounts;
        this.users = users;
        this.identity = identity;
    }

    @POST
    @Path("/estimate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "estimateCharge", summary = "What a job would cost: the rendered plan, priced as if it "
            + "held what it asks for until its time limit",
            description = "The body is a job request, as POST /api/v2/jobs takes it; nothing is created. Discounts "
                    + "are the caller's as they stand today; a job that ends sooner is billed for what it used.")
    @APIResponse(responseCode = "200", description = "The plan and its estimated invoice")
    @APIResponse(responseCode = "400", description = "Invalid request; details.field names the field")
    @APIResponse(responseCode = "422", description = "The template may not be used, or the cluster cannot run it")
    public ChargeEstimate estimate(JobRequest request) {
        UserAccount user = users.current(identity);
        Placement.Placed placed = jobs.placed(user, request);
        return charges.estimate(user.subject, placed.plan(), request, placed.cluster().rateBps(),
                placed.cluster().gpuModel().orElse(null));
    }

    @GET
    @Path("/rates")
    @Operation(operationId = "getRates", summary = "The rates, billing step, minimum charge and platform fee in force")
    public RateCard rates() {
        return charges.rates();
    }

    @Idempotent
    @Extension(name = Idempotent.EXTENSION, value = "true")
    @POST
    @Path("/promo-code")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "redeemPromoCode", summary = "Redeem a promotional code for jobs that end from now on")
    @APIResponse(responseCode = "200", description = "Redeemed; it replaces any code redeemed before")
    @APIResponse(responseCode = "400", description = "No such code")
    public PromoCode redeem(PromoCodeRequest request) {
        UserAccount user = users.current(identity);
        String code = request == null || request.code() == null ? "" : request.code().strip();
        int bps = discounts.promoBps(code).orElseThrow(() -> ApiException.badRequest("code",
                "'" + code + "' is not a promotional code of this gateway"));
        BillingAccount account = new BillingAccount();
        account.subject = user.subject;
        account.promoCode = code;
        account.promoRedeemedAt = Instant.now();
        account.persistOrUpdate();
        return new PromoCode(code, bps, account.promoRedeemedAt);
    }

    @GET
    @Path("/invoices/{period}")
    @Operation(operationId = "getInvoice", summary = "The caller's invoice for a month (YYYY-MM, UTC)",
            description = "Providers and admins may give ?customer= to see a customer's invoice.")
    @APIResponse(responseCode = "400", description = "The period is not YYYY-MM")
    @APIResponse(responseCode = "403", description = "Another customer's invoice, asked for by a user")
    public PeriodInvoice invoice(@RestPath String period, @RestQuery String customer) {
        UserAccount user = users.current(identity);
        String who = customer == null || customer.isBlank() ? user.subject : customer;
        if (!who.equals(user.subject) && !identity.hasRole("provider") && !identity.hasRole("admin")) {
            throw ApiException.forbidden("Only providers and admins see other customers' invoices");
        }
        String month = month(period);
        return PeriodInvoice.of(who, month, charges.rates().currency(), charges.ofPeriod(who, month));
    }

    @GET
    @Path("/disputes")
    @Operation(operationId = "listDisputes", summary = "Disputes, newest first: the caller's, or everyone's for admins",
            description = "Filter with ?status=open|upheld|rejected.")
    @APIResponse(responseCode = "400", description = "Unknown status")
    public List<Dispute> disputes(@RestQuery String status) {
        UserAccount user = users.current(identity);
        return disputes.list(identity.hasRole("admin") ? null : user.subject, status);
    }

    @POST
    @Path("/disputes/{id}/resolution")
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "resolveDispute", summary = "Uphold a dispute (refunding up to what is due) or reject it")
    @APIResponse(responseCode = "200", description = "Resolved")
    @APIResponse(responseCode = "400", description = "Bad outcome, or a refund outside 1..amount due")
    @APIResponse(responseCode = "403", description = "Only admins")
    @APIResponse(responseCode = "404", description = "No such dispute")
    @APIResponse(responseCode = "409", description = "Already resolved")
    public Dispute resolve(@RestPath String id, Resolution resolution) {
        Resolution given = resolution == null ? new Resolution(null, null, null) : resolution;
        return disputes.resolve(id, given.outcome(), given.refundAmount(), given.note(),
                users.current(identity).subject);
    }

    /** Years of billing: the gateway's own era, not the calendar's whole range (-0001-01 parses). */
    private static final int FIRST_YEAR = 2000;
    private static final int LAST_YEAR = 9999;

    private static String month(String period) {
        try {
            YearMonth month = YearMonth.parse(period);
            if (month.getYear() < FIRST_YEAR || month.getYear() > LAST_YEAR || !period.matches("\\d{4}-\\d{2}")) {
                throw new DateTimeParseException("outside the billing years", period, 0);
            }
            return month.toString();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("period", "the period must be a month as YYYY-MM from " + FIRST_YEAR + " on, e.g. 2026-11");
        }
    }
}
