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

/// Starts Python on this thread unless it runs already; on return this thread holds the GIL.
Status AcquirePython(bool& initialized_here, PyGILState_STATE& gil) {
    initialized_here = false;
    if (Py_IsInitialized()) {
        gil = PyGILState_Ensure();
        return Status::Ok();
    }
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
    initialized_here = true;
    return Status::Ok();
}

/// Imports gantry_resolve_ops and returns its `handle` (a new reference), or the error.
StatusOr<PyObject*> ImportHandle(const PythonSetup& setup) {
    PyObject* sys_path = PySys_GetObject("path");  // borrowed
    const auto modules = (std::filesystem::path(setup.script_api) / "Modules").string();
    for (const auto& dir : {modules, setup.python_dir}) {
        PyObject* entry = PyUnicode_FromString(dir.c_str());
        if (sys_path != nullptr && entry != nullptr && PySequence_Contains(sys_path, entry) == 0) {
            PyList_Insert(sys_path, 0, entry);
        }
        Py_XDECREF(entry);
    }
    PyObject* handle = nullptr;
    if (PyObject* module = PyImport_ImportModule("gantry_resolve_ops")) {
        handle = PyObject_GetAttrString(module, "handle");
        Py_DECREF(module);
    }
    if (handle == nullptr) {
        return UnavailableError("cannot import gantry_resolve_ops from " + setup.python_dir + ": " + TakeError());
    }
    return handle;
}

StatusOr<std::string> CallHandle(PyObject* handle, const std::string& call) {
    std::string reply;
    PyObject* result = PyObject_CallFunction(handle, "s#", call.data(), static_cast<Py_ssize_t>(call.size()));
    if (result != nullptr) {
        Py_ssize_t size = 0;
        if (const char* text = PyUnicode_AsUTF8AndSize(result, &size)) reply.assign(text, static_cast<size_t>(size));
        Py_DECREF(result);
    }
    if (PyErr_Occurred()) return InternalError("the embedded Python failed: " + TakeError());
    return reply;
}

}  // namespace

StatusOr<std::unique_ptr<Interpreter>> Interpreter::Start(const PythonSetup& setup) {
    ::setenv("RESOLVE_SCRIPT_API", setup.script_api.c_str(), 1);
    ::setenv("RESOLVE_SCRIPT_LIB", setup.script_lib.c_str(), 1);
    std::unique_ptr<Interpreter> interpreter(new Interpreter());
    auto* self = interpreter.get();
    self->thread_ = std::thread([self, setup] { self->Run(setup); });
    std::unique_lock lock(self->mutex_);
    self->wake_.wait(lock, [self] { return self->started_.has_value(); });
    if (!self->started_->ok()) {
        const auto status = *self->started_;
        lock.unlock();
        return status;  // the thread has ended; the destructor joins it
    }
    return interpreter;
}

void Interpreter::Run(PythonSetup setup) {
    bool initialized_here = false;
    PyGILState_STATE gil{};
    auto status = AcquirePython(initialized_here, gil);
    const bool have_python = status.ok();
    PyObject* handle = nullptr;
    if (have_python) {
        auto imported = ImportHandle(setup);
        if (imported.ok()) handle = *imported;
        status = imported.status();
    }
    // From here on this thread holds the GIL only while it runs a call.
    PyThreadState* saved = have_python ? PyEval_SaveThread() : nullptr;
    {
        std::lock_guard lock(mutex_);
        started_ = status;
    }
    wake_.notify_all();
    if (status.ok()) Serve(handle, saved);
    if (!have_python) return;
    PyEval_RestoreThread(saved);
    Py_XDECREF(handle);
    // Python stays initialized for the life of the process; leave it with no thread holding the GIL.
    if (initialized_here) {
        PyEval_SaveThread();
    } else {
        PyGILState_Release(gil);
    }
}

void Interpreter::Serve(void* handle, PyThreadState*& saved) {
    for (;;) {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [this] { return stop_ || request_.has_value(); });
        if (stop_) return;
        const auto call = std::move(*request_);
        request_.reset();
        lock.unlock();
        PyEval_RestoreThread(saved);
        auto reply = CallHandle(static_cast<PyObject*>(handle), call);
        saved = PyEval_SaveThread();
        lock.lock();
        reply_ = std::move(reply);
        lock.unlock();
        wake_.notify_all();
    }
}

Interpreter::~Interpreter() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

StatusOr<std::string> Interpreter::Handle(const std::string& call) {
    std::unique_lock lock(mutex_);
    request_ = call;
    reply_.reset();
    wake_.notify_all();
    wake_.wait(lock, [this] { return reply_.has_value(); });
    auto reply = std::move(*reply_);
    reply_.reset();
    return reply;
}

}  // namespace gantry::resolve::embedded
