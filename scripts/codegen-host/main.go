// A code-generation-only Pulumi language host, for `pulumi package gen-sdk` where Pulumi's own language hosts
// cannot be installed (scripts/install-codegen-host.sh says why and builds this).
//
// `pulumi package gen-sdk --language <lang>` starts `pulumi-language-<lang>` and calls its GeneratePackage. This
// program answers that one call for python, go and dotnet (the name it is started under picks the language) with
// Pulumi's own generators from github.com/pulumi/pulumi/pkg/v3/codegen, binding the schema the way Pulumi's
// language hosts do. Every other call answers Unimplemented: it runs no programs.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"image"
	"image/png"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	dotnet "github.com/pulumi/pulumi/pkg/v3/codegen/dotnet"
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	python "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"
)

// codegenVersion is set at build time to the version of github.com/pulumi/pulumi/pkg/v3 it is built with.
var codegenVersion = "0.0.0"

type codegenHost struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	language string
}

// GetPluginInfo reports the version of the generators (the pulumi pkg/v3 module this is built with).
func (h *codegenHost) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: codegenVersion}, nil
}

func (h *codegenHost) GeneratePackage(
	ctx context.Context, req *pulumirpc.GeneratePackageRequest,
) (*pulumirpc.GeneratePackageResponse, error) {
	loader, err := schema.NewLoaderClient(req.LoaderTarget)
	if err != nil {
		return nil, err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal([]byte(req.Schema), &spec); err != nil {
		return nil, err
	}
	pkg, diags, err := schema.BindSpec(spec, loader, schema.ValidationOptions{AllowDanglingReferences: true})
	if err != nil {
		return nil, err
	}
	if diags.HasErrors() {
		return &pulumirpc.GeneratePackageResponse{Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(diags)}, nil
	}
	tool := "pulumi-language-" + h.language
	var files map[string][]byte
	switch h.language {
	case "python":
		files, err = python.GeneratePackage(tool, pkg, req.ExtraFiles, loader)
	case "go":
		files, err = gogen.GeneratePackage(tool, pkg, req.LocalDependencies)
	case "dotnet":
		// The .NET generator downloads the package logo (Pulumi's when the schema names none) for the NuGet
		// package. These machines have no internet, so this process answers that download with a blank image;
		// the generated SDK is for checking generation, and publishing it would need a real logo.
		http.DefaultTransport = blankImage{}
		files, err = dotnet.GeneratePackage(tool, pkg, req.ExtraFiles, req.LocalDependencies)
	default:
		err = fmt.Errorf("this code generator does not generate %q", h.language)
	}
	if err != nil {
		return nil, err
	}
	for name, data := range files {
		path := filepath.Join(req.Directory, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return nil, err
		}
	}
	return &pulumirpc.GeneratePackageResponse{Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(diags)}, nil
}

// blankImage answers every HTTP request with a 1×1 transparent PNG (see GeneratePackage).
type blankImage struct{}

func (blankImage) RoundTrip(req *http.Request) (*http.Response, error) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewNRGBA(image.Rect(0, 0, 1, 1))); err != nil {
		return nil, err
	}
	return &http.Response{
		StatusCode: http.StatusOK,
		Header:     http.Header{"Content-Type": {"image/png"}},
		Body:       io.NopCloser(&buf),
		Request:    req,
	}, nil
}

func main() {
	// The engine passes flags (e.g. -root, -tracing) and its address; neither matters for generating code.
	flag.String("root", "", "ignored")
	flag.String("tracing", "", "ignored")
	flag.Parse()
	language := strings.TrimPrefix(filepath.Base(os.Args[0]), "pulumi-language-")
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, &codegenHost{language: language})
			return nil
		},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-%s (code generation only): %v\n", language, err)
		os.Exit(1)
	}
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-%s (code generation only): %v\n", language, err)
		os.Exit(1)
	}
}
