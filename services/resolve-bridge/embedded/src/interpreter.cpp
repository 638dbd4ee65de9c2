#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "interpreter.hpp"

#include <cstdlib>
#include <filesystem>

namespace gantry::resolve::embedded {
namespace {

/// The pending Python exception as text (clears it).
std::string TakeError() {
    PyObject *type = nullptr, *value = nullptr, *trace = nullptr;
    PyErr_Fetch(&type, &value, &trace);
    std::string text = "unknown Python error";
    if (value != nullptr) {
        if (PyObject* s = PyObject_Str(value)) {
            if (const char* utf8 = PyUnicode_AsUTF8(s)) text = utf8;
            Py_DECREF(s);
        }
    }
    Py_XDECREF(type);
    Py_XDECREF(value);
    Py_XDECREF(trace);
    return text;
}

Status StartPython() {
    if (Py_IsInitialized()) return Status::Ok();
    PyConfig config;
    PyConfig_InitPythonConfig(&config);
    config.install_signal_handlers = 0;  // SIGINT and SIGTERM belong to the service
    config.parse_argv = 0;
    const PyStatus status = Py_InitializeFromConfig(&config);
    PyConfig_Clear(&config);
    if (PyStatus_Exception(status)) {
        return UnavailableError(std::string("cannot start the embedded Python: ") +
                                (status.err_msg ? status.err_msg : "unknown error"));
    }
    PyEval_SaveThread();  // release the GIL; every use takes it with PyGILState_Ensure
    return Status::Ok();
}

}  // namespace

StatusOr<std::unique_ptr<Interpreter>> Interpreter::Start(const PythonSetup& setup) {
    ::setenv("RESOLVE_SCRIPT_API", setup.script_api.c_str(), 1);
    ::setenv("RESOLVE_SCRIPT_LIB", setup.script_lib.c_str(), 1);
    GANTRY_RETURN_IF_ERROR(StartPython());
    const auto gil = PyGILState_Ensure();
    PyObject* handle = nullptr;
    std::string error;
    PyObject* sys_path = PySys_GetObject("path");  // borrowed
    const auto modules = (std::filesystem::path(setup.script_api) / "Modules").string();
    for (const auto& dir : {modules, setup.python_dir}) {
        PyObject* entry = PyUnicode_FromString(dir.c_str());
        if (sys_path != nullptr && entry != nullptr && PySequence_Contains(sys_path, entry) == 0) {
            PyList_Insert(sys_path, 0, entry);
        }
        Py_XDECREF(entry);
    }
    if (PyObject* module = PyImport_ImportModule("gantry_resolve_ops")) {
        handle = PyObject_GetAttrString(module, "handle");
        Py_DECREF(module);
    }
    if (handle == nullptr) error = TakeError();
    PyGILState_Release(gil);
    if (handle == nullptr) {
        return UnavailableError("cannot import gantry_resolve_ops from " + setup.python_dir + ": " + error);
    }
    return std::unique_ptr<Interpreter>(new Interpreter(handle));
}

Interpreter::~Interpreter() {
    const auto gil = PyGILState_Ensure();
    Py_XDECREF(static_cast<PyObject*>(handle_));
    PyGILState_Release(gil);
}

StatusOr<std::string> Interpreter::Handle(const std::string& call) {
    const auto gil = PyGILState_Ensure();
    std::string reply;
    std::string error;
    PyObject* result = PyObject_CallFunction(static_cast<PyObject*>(handle_), "s#", call.data(),
                                             static_cast<Py_ssize_t>(call.size()));
    if (result != nullptr) {
        Py_ssize_t size = 0;
        if (const char* text = PyUnicode_AsUTF8AndSize(result, &size)) reply.assign(text, static_cast<size_t>(size));
        Py_DECREF(result);
    }
    if (PyErr_Occurred()) error = TakeError();
    PyGILState_Release(gil);
    if (!error.empty()) return InternalError("the embedded Python failed: " + error);
    return reply;
}

}  // namespace gantry::resolve::embedded
