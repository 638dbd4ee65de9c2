"""Checks the deployment files: every production config passes the service's own --check-config, and the
compose file and Kubernetes manifests are well-formed YAML naming the images, ports and probes we expect."""

import pathlib
import subprocess
import sys

import yaml

ROOT = pathlib.Path(sys.argv[1])
BIN = pathlib.Path(sys.argv[2])
SERVICES = {"resolve-bridge": 50051, "db-gateway": 50052, "turso-sync": 50053, "mcp-adapter": 50054}
failures = []

for name, port in SERVICES.items():
    config = ROOT / "deploy/config/production" / f"{name}.yaml"
    run = subprocess.run([str(BIN / name), "--check-config", "--config", str(config)], capture_output=True, text=True)
    if run.returncode != 0:
        failures.append(f"{config}: {run.stderr.strip() or run.stdout.strip()}")

    docs = list(yaml.safe_load_all((ROOT / "deploy/k8s" / f"{name}.yaml").read_text()))
    kinds = {d["kind"]: d for d in docs}
    container = kinds["Deployment"]["spec"]["template"]["spec"]["containers"][0]
    if container["readinessProbe"]["grpc"]["port"] != port:
        failures.append(f"k8s/{name}.yaml: readiness probe does not check port {port}")
    if f"0.0.0.0:{port}" not in container["args"]:
        failures.append(f"k8s/{name}.yaml: container does not listen on {port}")
    if kinds["Service"]["spec"]["ports"][0]["port"] != port:
        failures.append(f"k8s/{name}.yaml: Service port is not {port}")

compose = yaml.safe_load((ROOT / "deploy/compose.yml").read_text())
for name, port in SERVICES.items():
    svc = compose["services"][name]
    if svc["build"]["args"]["SERVICE"] != name:
        failures.append(f"compose.yml: {name} builds the wrong service")
    if not any(p.startswith("127.0.0.1:") for p in svc["ports"]):
        failures.append(f"compose.yml: {name} publishes ports beyond loopback")

kustomization = yaml.safe_load((ROOT / "deploy/kustomization.yaml").read_text())
for resource in kustomization["resources"]:
    if not (ROOT / "deploy" / resource).exists():
        failures.append(f"kustomization.yaml: missing {resource}")
for generator in kustomization["configMapGenerator"]:
    for f in generator["files"]:
        if not (ROOT / "deploy" / f.split("=", 1)[1]).exists():
            failures.append(f"kustomization.yaml: missing {f}")

for f in failures:
    print("FAIL:", f)
print(f"{len(SERVICES) * 4 + 2 - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
