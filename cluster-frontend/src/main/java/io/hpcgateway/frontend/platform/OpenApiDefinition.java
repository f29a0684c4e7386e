package io.hpcgateway.frontend.platform;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The document served at {@code /q/openapi}. */
@OpenAPIDefinition(info = @Info(title = "HPC Gateway cluster front end",
        description = "A FirecREST v2 compatible API over SLURM or a local process executor.",
        version = "0.1.0", license = @License(name = "MIT")))
@SecurityScheme(securitySchemeName = OpenApiDefinition.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT")
public class OpenApiDefinition extends Application {

    public static final String BEARER = "bearer";
}
