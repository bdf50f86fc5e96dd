"""A small Python language host for the Pulumi engine, used where Pulumi's own cannot be had.

Pulumi's Python language host is a Go program (`sdk/python/cmd/pulumi-language-python` in pulumi/pulumi) that the
Go module proxy our machines reach refuses to serve, so `pulumi up` could not run a Python program here.
scripts/install-python-host.sh installs this file, with run_program.py beside it, as `pulumi-language-python`:
a launcher that starts it on the Python of a virtual environment holding the `pulumi` package from PyPI.

It answers the part of the LanguageRuntime gRPC service that deployments use, with the service stubs that ship
in that very package (pulumi.runtime.proto): Run starts run_program.py on the same interpreter, passing the
engine's settings as its flags and the stack's configuration (secrets included) in PULUMI_CONFIG and
PULUMI_CONFIG_SECRET_KEYS, the variables the pulumi package reads. It reports no required plugins: the engine
finds a provider (here `pulumi-resource-eyeson`) on PATH or in its plugin cache when a resource first needs it.
Installing dependencies, templates, code generation, packing and policy packs are not served (the engine is
told UNIMPLEMENTED); the project's `virtualenv` and `toolchain` options are ignored: every program runs on the
interpreter this host runs on. CONTRIBUTING.md ("Python programs through the engine") says what that covers.
"""

import json
import os
import subprocess
import sys
from concurrent import futures
from importlib.metadata import version

import grpc
from google.protobuf import empty_pb2

from pulumi.runtime.proto import language_pb2, language_pb2_grpc, plugin_pb2

RUNNER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "run_program.py")

# The runner's exit code for "the program failed and already told the user why" (Pulumi's hosts use 32 too):
# the engine then stops without adding a message of its own.
BAIL_EXIT_CODE = 32


def program_path(request) -> str:
    """The file or folder to run: the request's program, else the project's `main` under its program folder."""
    info = request.info
    directory = info.program_directory or request.pwd
    if request.program:
        return request.program
    return os.path.join(directory, info.entry_point or ".")


def runner_args(request) -> list:
    info = request.info
    args = [
        "--monitor",
        request.monitor_address,
        "--engine",
        ENGINE_ADDRESS,
        "--project",
        request.project,
        "--stack",
        request.stack,
        "--pwd",
        request.pwd or info.program_directory,
        "--dry-run",
        "true" if request.dryRun else "false",
        "--parallel",
        str(request.parallel),
    ]
    if info.root_directory:
        args += ["--root-directory", info.root_directory]
    if request.organization:
        args += ["--organization", request.organization]
    return [sys.executable, "-u", RUNNER, *args, program_path(request), *request.args]


class LanguageHost(language_pb2_grpc.LanguageRuntimeServicer):
    def Handshake(self, request, context):
        return language_pb2.LanguageHandshakeResponse()

    def GetRequiredPlugins(self, request, context):
        return language_pb2.GetRequiredPluginsResponse()

    def GetRequiredPackages(self, request, context):
        return language_pb2.GetRequiredPackagesResponse()

    def GetPluginInfo(self, request, context):
        return plugin_pb2.PluginInfo(version=version("pulumi"))

    def About(self, request, context):
        return language_pb2.AboutResponse(
            executable=sys.executable, version=sys.version.split()[0]
        )

    def GetProgramDependencies(self, request, context):
        return language_pb2.GetProgramDependenciesResponse()

    def InstallDependencies(self, request, context):
        # The project's dependencies are installed by its own pip; there is nothing to stream.
        return iter(())

    def RuntimeOptionsPrompts(self, request, context):
        return language_pb2.RuntimeOptionsResponse()

    def Cancel(self, request, context):
        return empty_pb2.Empty()

    def Run(self, request, context):
        env = dict(os.environ)
        env["PULUMI_CONFIG"] = json.dumps(dict(request.config))
        env["PULUMI_CONFIG_SECRET_KEYS"] = json.dumps(list(request.configSecretKeys))
        directory = request.info.program_directory or request.pwd or None
        try:
            # The program's own output goes where this host's goes; the engine shows what it logs through
            # the pulumi package, errors included.
            code = subprocess.run(runner_args(request), cwd=directory, env=env).returncode
        except OSError as err:
            return language_pb2.RunResponse(error=f"could not start the program: {err}")
        if code == 0:
            return language_pb2.RunResponse()
        if code == BAIL_EXIT_CODE:
            return language_pb2.RunResponse(bail=True)
        return language_pb2.RunResponse(error=f"the Python program exited with code {code}")


def engine_address(argv: list) -> str:
    """The engine passes its flags (`-root=…`, `-tracing=…`) and then its own gRPC address."""
    positional = [arg for arg in argv if not arg.startswith("-")]
    return positional[-1] if positional else ""


ENGINE_ADDRESS = engine_address(sys.argv[1:])


def main() -> None:
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
    language_pb2_grpc.add_LanguageRuntimeServicer_to_server(LanguageHost(), server)
    port = server.add_insecure_port("127.0.0.1:0")
    if port == 0:
        sys.stderr.write("pulumi-language-python: could not listen on 127.0.0.1\n")
        sys.exit(1)
    server.start()
    # The engine reads the port from the first line of stdout.
    sys.stdout.write(f"{port}\n")
    sys.stdout.flush()
    try:
        server.wait_for_termination()
    except KeyboardInterrupt:
        # The engine stops its language host with SIGINT once the deployment is done: that is no error, and
        # a traceback here would be printed under the user's preview.
        server.stop(grace=None)


if __name__ == "__main__":
    main()
