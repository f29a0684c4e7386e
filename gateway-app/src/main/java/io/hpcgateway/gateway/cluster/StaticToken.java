package io.hpcgateway.gateway.cluster;

/** {@code auth=static-token}: one fixed token, issued by the cluster's FirecREST, for every call. */
final class StaticToken implements ClusterCredentials {

    private final String header;

    StaticToken(String token) {
        this.header = "Bearer " + token;
    }

    @Override
    public String authorization(String clusterUser) {
        return header;
    }

    @Override
    public String serviceAuthorization() {
        return header;
    }

    @Override
    public String describe() {
        return "one static service token (gateway.clusters.<name>.service-token)";
    }
}
