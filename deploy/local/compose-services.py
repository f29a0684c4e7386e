#!/usr/bin/python3
"""Turns `docker-compose config` output (on stdin) into what compose-up.sh needs to run each
service on this machine without containers, in STATE:

  STATE/<service>.env     the service's environment as the compose file gives it (mode 0600, shell
                          assignments for `set -a; . FILE`, never a command line), with
                          the compose network's service names replaced by 127.0.0.1 and every
                          container path under a volume replaced by its place here (a bind mount's
                          source; STATE/volumes/<name> for a named volume)
  STATE/<service>.json    its command, health check and mounts (container path -> place here)
  STATE/services          the services, one a line, each after those it depends on
  STATE/prometheus.yml    the Prometheus configuration the compose file mounts, its targets rewritten
                          the same way

The YAML is read with PyYAML (Debian's python3-yaml, which docker-compose itself depends on).
A published port must equal the container port here: on one machine there is no port mapping.
"""
import json
import os
import re
import shlex
import sys

import yaml

state = sys.argv[1]
config = yaml.safe_load(sys.stdin)
services = config["services"]
names = "|".join(re.escape(name) for name in services)
# A service name as a host: the whole value of a *_HOST variable, or in a URL between // (or @)
# and a port or path.
alone = re.compile(rf"^({names})$")
in_url = re.compile(rf"(?:(?<=//)|(?<=@))({names})(?=[:/]|$)")


def mounts(service):
    for volume in service.get("volumes", []):
        if isinstance(volume, str):
            parts = volume.split(":")
            source, target = parts[0], parts[1]
            kind = "bind" if source.startswith(("/", ".")) else "volume"
        else:
            source, target, kind = volume.get("source"), volume["target"], volume["type"]
        place = source if kind == "bind" else os.path.join(state, "volumes", source)
        yield target, place


def local(key, value, places):
    value = in_url.sub("127.0.0.1", alone.sub("127.0.0.1", value) if key.endswith("_HOST") else value)
    # Longest container path first, so /a/b/c maps through its own mount, not /a/b's.
    for target, place in sorted(places, key=lambda m: -len(m[0])):
        if value == target or value.startswith(target + "/"):
            return place + value[len(target):]
    return value


order = []
for name, service in services.items():
    for port in service.get("ports", []):
        published, target = (str(port.get("published")), str(port["target"])) if isinstance(port, dict) \
            else (port.split(":")[-2], port.split(":")[-1].split("/")[0])
        if published != target:
            sys.exit(f"compose-services: {name} publishes {published} for {target}; here they must be equal")
    places = list(mounts(service))
    environment = service.get("environment", {})
    if isinstance(environment, list):
        environment = dict(item.split("=", 1) for item in environment)
    path = os.path.join(state, name + ".env")
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as out:
        for key, value in environment.items():
            value = "" if value is None else local(key, str(value), places)
            if "\n" in value:
                sys.exit(f"compose-services: {name}'s {key} holds a line break")
            out.write(f"{key}={shlex.quote(value)}\n")
    with open(os.path.join(state, name + ".json"), "w") as out:
        health = service.get("healthcheck", {}).get("test", [])
        json.dump({"command": service.get("command"), "health": health, "mounts": dict(places)}, out)
    order.append(name)
    if name == "prometheus":
        source = dict(places)["/etc/prometheus/prometheus.yml"]
        with open(source) as f:
            prometheus = yaml.safe_load(f)
        for job in prometheus.get("scrape_configs", []):
            for static in job.get("static_configs", []):
                static["targets"] = [alone.sub("127.0.0.1", t.split(":")[0]) + t[len(t.split(":")[0]):]
                                     for t in static["targets"]]
        rules = dict(places)["/etc/prometheus/alerts.yml"]
        prometheus["rule_files"] = [rules]
        with open(os.path.join(state, "prometheus.yml"), "w") as f:
            yaml.safe_dump(prometheus, f, sort_keys=False)

def after_dependencies(names):
    started = []

    def visit(name):
        if name not in started:
            for dependency in services[name].get("depends_on", {}):
                visit(dependency)
            started.append(name)

    for name in names:
        visit(name)
    return started


with open(os.path.join(state, "services"), "w") as out:
    out.write("\n".join(after_dependencies(order)) + "\n")
