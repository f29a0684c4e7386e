package io.hpcgateway.cli.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hpcgateway.cli.CliException;
import io.hpcgateway.cli.ExitCodes;
import io.hpcgateway.cli.Session;
import io.hpcgateway.cli.http.Gateway;
import io.hpcgateway.cli.http.Query;
import io.hpcgateway.cli.output.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The workload template catalogue: browse, sign and submit (providers), decide (admins). */
@Command(name = "templates", mixinStandardHelpOptions = true,
        description = "Workload templates: list, show, types; keygen, sign, verify, submit (providers); "
                + "approve, reject, revoke (admins); deprecate (admins and the publisher).",
        subcommands = {TemplatesCommand.List.class, TemplatesCommand.Show.class, TemplatesCommand.Types.class,
                TemplatesCommand.Keygen.class, TemplatesCommand.RegisterKey.class, TemplatesCommand.Sign.class, TemplatesCommand.Verify.class,
                TemplatesCommand.Submit.class, TemplatesCommand.Approve.class, TemplatesCommand.Reject.class,
                TemplatesCommand.Deprecate.class, TemplatesCommand.Revoke.class},
        footerHeading = "%nExamples:%n", footer = {"  hpcgw templates list --type gpu",
                "  hpcgw templates show mpi-standard",
                "  hpcgw templates sign my-sim.json --key provider.key > my-sim.signed.json",
                "  hpcgw templates submit my-sim.signed.json",
                "  hpcgw templates deprecate my-simulation@1.0.0 --reason 'use 2.0.0'"})
public final class TemplatesCommand {

    static final Table TABLE = Table.of("ID", "/id", "TYPE", "/type", "STATUS", "/status", "PUBLISHER", "/publisher",
            "TAGS", "/tags");

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The catalogue, optionally filtered.",
            footerHeading = "%nExamples:%n", footer = {"  hpcgw templates list", "  hpcgw templates list --status pending"})
    static final class List implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Option(names = "--type", description = "batch, mpi, gpu, data_processing, interactive...") String type;
        @Option(names = "--tag", description = "Only templates with this tag") String tag;
        @Option(names = "--status", description = "pending, approved, rejected, deprecated, revoked") String status;

        @Override
        public Integer call() {
            Session session = Session.of(spec);
            session.output().print(session.gateway().get("/api/v2/templates" + Query.of("type", type, "tag", tag,
                    "status", status)), TABLE);
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "One template: the newest approved version of ID, or ID@VERSION, with its manifest.",
            footerHeading = "%nExamples:%n", footer = {"  hpcgw templates show batch-standard",
                    "  hpcgw templates show batch-standard@1.0.0 -o yaml"})
    static final class Show implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "ID[@VERSION]") String ref;

        @Override
        public Integer call() {
            Session session = Session.of(spec);
            JsonNode template = session.gateway().get("/api/v2/templates/" + Query.segment(ref));
            session.output().print(template);
            return ExitCodes.OK;
        }
    }

    @Command(name = "types", mixinStandardHelpOptions = true, description = "The template types.",
            footerHeading = "%nExamples:%n", footer = "  hpcgw templates types")
    static final class Types implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            Session session = Session.of(spec);
            session.output().print(session.gateway().get("/api/v2/template-types"),
                    Table.of("TYPE", "/type", "DESCRIPTION", "/description"));
            return ExitCodes.OK;
        }
    }

    @Command(name = "keygen", mixinStandardHelpOptions = true,
            description = "Make an Ed25519 signing key (PEM, owner-only) and print its public key for an admin to "
                    + "register (PUT /api/v2/admin/provider-keys/{provider}).",
            footerHeading = "%nExamples:%n", footer = "  hpcgw templates keygen --out ~/.config/hpcgw/provider.key")
    static final class Keygen implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where the private key goes") Path out;

        @Override
        public Integer call() {
            String publicKey = ManifestSigner.generate(out);
            Session.of(spec).output().done(Gateway.JSON.createObjectNode().put("publicKey", publicKey)
                    .put("algorithm", ManifestSigner.ALGORITHM), "Private key written to " + out + "; public key:\n"
                    + publicKey);
            return ExitCodes.OK;
        }
    }

    @Command(name = "register-key", mixinStandardHelpOptions = true,
            description = "Register a provider's public signing key (role admin): their submissions must be signed with it.",
            footerHeading = "%nExamples:%n", footer = "  hpcgw templates register-key PROVIDER-SUBJECT MCowBQYDK2VwAyEA...")
    static final class RegisterKey implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "PROVIDER", description = "The provider's subject (who submits)") String provider;
        @Parameters(index = "1", paramLabel = "PUBLIC_KEY", description = "Base64 X.509, as keygen prints it") String publicKey;

        @Override
        public Integer call() {
            Session session = Session.of(spec);
            JsonNode key = session.gateway().send("PUT", "/api/v2/admin/provider-keys/" + Query.segment(provider),
                    Gateway.JSON.createObjectNode().put("publicKey", publicKey));
            session.output().done(key, "Registered key " + key.path("keyId").asText() + " for " + provider);
            return ExitCodes.OK;
        }
    }

    @Command(name = "sign", mixinStandardHelpOptions = true,
            description = "Sign a manifest with your Ed25519 key (RFC 8785, as the gateway verifies); the signed "
                    + "manifest goes to stdout or --out.",
            footerHeading = "%nExamples:%n", footer = "  hpcgw templates sign my-sim.json --key provider.key --out my-sim.signed.json")
    static final class Sign implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "FILE", description = "The manifest (JSON)") Path file;
        @Option(names = "--key", required = true, paramLabel = "KEY", description = "PKCS#8 Ed25519 private key, PEM or DER") Path key;
        @Option(names = "--out", paramLabel = "FILE", description = "Write the signed manifest here instead of stdout") Path out;

        @Override
        public Integer call() throws IOException {
            ObjectNode signed = ManifestSigner.sign(manifest(file), key);
            String text = signed.toPrettyString() + "\n";
            if (out == null) {
                System.out.print(text);
            } else {
                Files.writeString(out, text);
                System.err.println("Signed " + signed.path("template_id").asText() + "@" + signed.path("version").asText()
                        + " into " + out);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Have the gateway check a manifest's signature and every rule, without storing it. Exits 6 "
                    + "when it would be refused.",
            footerHeading = "%nExamples:%n", footer = "  hpcgw templates verify my-sim.signed.json")
    static final class Verify implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "FILE") Path file;

        @Override
        public Integer call() {
            Session session = Session.of(spec);
            JsonNode verdict = session.gateway().post("/api/v2/templates/verify", manifest(file));
            session.output().print(verdict);
            return verdict.path("valid").asBoolean(false) ? ExitCodes.OK : ExitCodes.INVALID;
        }
    }

    @Command(name = "submit", mixinStandardHelpOptions = true,
            description = "Submit a signed manifest (role provider); it waits for an admin's approval.",
            footerHeading = "%nExamples:%n", footer = "  hpcgw templates submit my-sim.signed.json")
    static final class Submit implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "FILE") Path file;

        @Override
        public Integer call() {
            Session session = Session.of(spec);
            JsonNode template = session.gateway().post("/api/v2/templates", manifest(file));
            session.output().done(template, "Submitted " + template.path("id").asText() + ": "
                    + template.path("status").asText());
            return ExitCodes.OK;
        }
    }

    /** A decision on a template version; the reason is recorded with it. */
    abstract static class Decision implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "ID@VERSION") String ref;

        abstract String action();

        abstract String reason();

        @Override
        public Integer call() {
            Session session = Session.of(spec);
            JsonNode template = session.gateway().post("/api/v2/templates/" + Query.segment(ref) + "/" + action(),
                    Gateway.JSON.createObjectNode().put("reason", reason()));
            session.output().done(template, template.path("id").asText() + ": " + template.path("status").asText());
            return ExitCodes.OK;
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true, description = "Approve a pending template (role admin).",
            footerHeading = "%nExamples:%n", footer = "  hpcgw templates approve my-simulation@1.0.0 --reason 'reviewed'")
    static final class Approve extends Decision {
        @Option(names = "--reason", paramLabel = "TEXT") String reason;

        String action() { return "approve"; }

        String reason() { return reason; }
    }

    @Command(name = "reject", mixinStandardHelpOptions = true, description = "Reject a pending template (role admin).",
            footerHeading = "%nExamples:%n", footer = "  hpcgw templates reject my-simulation@1.0.0 --reason 'image not pinned'")
    static final class Reject extends Decision {
        @Option(names = "--reason", required = true, paramLabel = "TEXT") String reason;

        String action() { return "reject"; }

        String reason() { return reason; }
    }

    @Command(name = "deprecate", mixinStandardHelpOptions = true,
            description = "No new jobs from this version (admins, and its publisher).",
            footerHeading = "%nExamples:%n", footer = "  hpcgw templates deprecate my-simulation@1.0.0 --reason 'use 2.0.0'")
    static final class Deprecate extends Decision {
        @Option(names = "--reason", required = true, paramLabel = "TEXT") String reason;

        String action() { return "deprecate"; }

        String reason() { return reason; }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Disable at once; jobs running from it are cancelled (role admin).",
            footerHeading = "%nExamples:%n", footer = "  hpcgw templates revoke my-simulation@1.0.0 --security-reason 'CVE-2026-1234 in the image'")
    static final class Revoke extends Decision {
        @Option(names = "--security-reason", required = true, paramLabel = "TEXT") String reason;

        String action() { return "revoke"; }

        String reason() { return reason; }
    }

    static ObjectNode manifest(Path file) {
        try {
            JsonNode manifest = Gateway.JSON.readTree(file.toFile());
            if (!(manifest instanceof ObjectNode object)) {
                throw new CliException(ExitCodes.USAGE, file + " is not a JSON object (a template manifest)");
            }
            return object;
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "Cannot read the manifest " + file + ": "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
