/* seg-tsan.c — what GLib synchronises, told to ThreadSanitizer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built only with -Db_sanitize=thread.  GLib 2.74 is not instrumented, and
 * its GMutex, GCond, GOnce, thread pools, GTask and main-loop sources
 * synchronise with futexes and atomics inside libglib that TSan cannot see:
 * every hand-off from a worker to the main loop would be reported as a
 * race on correctly locked data.  The linker (-Wl,--wrap, see
 * src/engine/core/meson.build) sends our code's calls to these entry points
 * through the wrappers below, which call GLib and then state the
 * happens-before edge GLib really provides: unlock releases, lock acquires;
 * what is pushed to a pool, returned by a task or attached as a source
 * is released by the sender and acquired by the function that runs it; a
 * reference count decremented releases and, before the last decrement
 * frees, acquires.  Nothing is suppressed: a race in our own code between
 * two accesses that no such edge orders is still reported.
 */
#define G_LOG_DOMAIN "seg-tsan"

#include "config.h"

#include <gio/gio.h>

void __tsan_acquire (void *addr);
void __tsan_release (void *addr);

#define WRAPPERS(ret, name, params) \
  ret __real_##name params;         \
  ret __wrap_##name params;

WRAPPERS (void, g_mutex_lock, (GMutex *mutex))
WRAPPERS (gboolean, g_mutex_trylock, (GMutex *mutex))
WRAPPERS (void, g_mutex_unlock, (GMutex *mutex))
WRAPPERS (void, g_cond_wait, (GCond *cond, GMutex *mutex))
WRAPPERS (gboolean, g_cond_wait_until, (GCond *cond, GMutex *mutex, gint64 end_time))
WRAPPERS (void, g_once_init_leave, (volatile void *location, gsize result))
WRAPPERS (gboolean, g_atomic_ref_count_dec, (gatomicrefcount *arc))
WRAPPERS (void, g_object_unref, (gpointer object))
WRAPPERS (GThreadPool *, g_thread_pool_new, (GFunc func, gpointer user_data, gint max_threads,
                                             gboolean exclusive, GError **error))
WRAPPERS (gboolean, g_thread_pool_push, (GThreadPool *pool, gpointer data, GError **error))
WRAPPERS (GTask *, g_task_new, (gpointer source_object, GCancellable *cancellable,
                                GAsyncReadyCallback callback, gpointer callback_data))
WRAPPERS (void, g_task_set_task_data, (GTask *task, gpointer task_data, GDestroyNotify task_data_destroy))
WRAPPERS (gpointer, g_task_get_task_data, (GTask *task))
WRAPPERS (void, g_task_run_in_thread, (GTask *task, GTaskThreadFunc task_func))
WRAPPERS (void, g_task_run_in_thread_sync, (GTask *task, GTaskThreadFunc task_func))
WRAPPERS (void, g_task_return_pointer, (GTask *task, gpointer result, GDestroyNotify result_destroy))
WRAPPERS (void, g_task_return_boolean, (GTask *task, gboolean result))
WRAPPERS (void, g_task_return_error, (GTask *task, GError *error))
WRAPPERS (void, g_task_return_new_error, (GTask *task, GQuark domain, gint code, const char *format, ...))
WRAPPERS (gboolean, g_task_return_error_if_cancelled, (GTask *task))
WRAPPERS (gpointer, g_task_propagate_pointer, (GTask *task, GError **error))
WRAPPERS (gboolean, g_task_propagate_boolean, (GTask *task, GError **error))
WRAPPERS (guint, g_idle_add_full, (gint priority, GSourceFunc function, gpointer data,
                                   GDestroyNotify notify))
WRAPPERS (guint, g_idle_add, (GSourceFunc function, gpointer data))
WRAPPERS (guint, g_timeout_add, (guint interval, GSourceFunc function, gpointer data))
WRAPPERS (guint, g_timeout_add_full, (gint priority, guint interval, GSourceFunc function,
                                      gpointer data, GDestroyNotify notify))
WRAPPERS (void, g_main_context_invoke_full, (GMainContext *context, gint priority,
                                             GSourceFunc function, gpointer data,
                                             GDestroyNotify notify))
WRAPPERS (void, g_source_set_callback, (GSource *source, GSourceFunc func, gpointer data,
                                        GDestroyNotify notify))
WRAPPERS (guint, g_source_attach, (GSource *source, GMainContext *context))

/* ---- locks */

void
__wrap_g_mutex_lock (GMutex *mutex)
{
  __real_g_mutex_lock (mutex);
  __tsan_acquire (mutex);
}

gboolean
__wrap_g_mutex_trylock (GMutex *mutex)
{
  if (!__real_g_mutex_trylock (mutex))
    return FALSE;
  __tsan_acquire (mutex);
  return TRUE;
}

void
__wrap_g_mutex_unlock (GMutex *mutex)
{
  __tsan_release (mutex);
  __real_g_mutex_unlock (mutex);
}

void
__wrap_g_cond_wait (GCond  *cond,
                    GMutex *mutex)
{
  __tsan_release (mutex);
  __real_g_cond_wait (cond, mutex);
  __tsan_acquire (mutex);
}

gboolean
__wrap_g_cond_wait_until (GCond  *cond,
                          GMutex *mutex,
                          gint64  end_time)
{
  gboolean signalled;

  __tsan_release (mutex);
  signalled = __real_g_cond_wait_until (cond, mutex, end_time);
  __tsan_acquire (mutex);
  return signalled;
}

/* g_once_init_enter () is an atomic load in our code (seen); the store that
 * publishes the value is in libglib (not seen). */
void
__wrap_g_once_init_leave (volatile void *location,
                          gsize          result)
{
  __tsan_release ((void *) location);
  __real_g_once_init_leave (location, result);
}

/* ---- reference counts: every decrement is a release, and the one that
 * frees first acquires all of them (the counts are sequentially
 * consistent atomics inside libglib). */

gboolean
__wrap_g_atomic_ref_count_dec (gatomicrefcount *arc)
{
  __tsan_release (arc);
  if (!__real_g_atomic_ref_count_dec (arc))
    return FALSE;
  __tsan_acquire (arc);
  return TRUE;
}

void
__wrap_g_object_unref (gpointer object)
{
  /* The finalizer (ours, instrumented) may run inside: acquire first. */
  __tsan_release (object);
  __tsan_acquire (object);
  __real_g_object_unref (object);
}

/* ---- work handed to another thread */

typedef struct
{
  GFunc    func;
  gpointer user_data;
} PoolFunc;

static void
pool_trampoline (gpointer data,
                 gpointer user_data)
{
  PoolFunc *f = user_data;

  __tsan_acquire (data);
  f->func (data, f->user_data);
}

GThreadPool *
__wrap_g_thread_pool_new (GFunc     func,
                          gpointer  user_data,
                          gint      max_threads,
                          gboolean  exclusive,
                          GError  **error)
{
  /* Lives as long as the pool; ours are never freed. */
  PoolFunc *f = g_new (PoolFunc, 1);

  f->func = func;
  f->user_data = user_data;
  return __real_g_thread_pool_new (pool_trampoline, f, max_threads, exclusive, error);
}

gboolean
__wrap_g_thread_pool_push (GThreadPool *pool,
                           gpointer     data,
                           GError     **error)
{
  __tsan_release (data);
  return __real_g_thread_pool_push (pool, data, error);
}

/* GTask: running in a thread acquires what the caller did before; a
 * return releases, and the callback and the propagate functions acquire. */

typedef struct
{
  GAsyncReadyCallback callback;
  gpointer            data;
} TaskCallback;

static void
task_callback_trampoline (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  TaskCallback *cb = user_data;
  GAsyncReadyCallback callback = cb->callback;
  gpointer data = cb->data;

  g_free (cb);
  __tsan_acquire (result);
  callback (source, result, data);
  /* GIO drops its references after this, maybe last in the worker thread,
   * which then frees the task data: see g_task_set_task_data () below. */
  __tsan_release (result);
}

GTask *
__wrap_g_task_new (gpointer             source_object,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             callback_data)
{
  TaskCallback *cb;

  if (callback == NULL)
    return __real_g_task_new (source_object, cancellable, NULL, callback_data);
  cb = g_new (TaskCallback, 1);
  cb->callback = callback;
  cb->data = callback_data;
  return __real_g_task_new (source_object, cancellable, task_callback_trampoline, cb);
}

/* A task's data is freed when its last reference goes, in whichever thread
 * drops it (GObject's atomic count, inside libgobject): it acquires what
 * every thread released on the task. */
typedef struct
{
  GTask          *task;
  gpointer        data;
  GDestroyNotify  destroy;
} TaskData;

static void
task_data_trampoline (gpointer user_data)
{
  TaskData *d = user_data;

  __tsan_acquire (d->task);
  if (d->destroy != NULL)
    d->destroy (d->data);
  g_free (d);
}

/* Our data, from what GLib holds (NULL when none was set). */
static gpointer
task_data_unwrap (gpointer held)
{
  return held != NULL ? ((TaskData *) held)->data : NULL;
}

void
__wrap_g_task_set_task_data (GTask          *task,
                             gpointer        task_data,
                             GDestroyNotify  task_data_destroy)
{
  TaskData *d = g_new (TaskData, 1);

  d->task = task;
  d->data = task_data;
  d->destroy = task_data_destroy;
  __real_g_task_set_task_data (task, d, task_data_trampoline);
}

gpointer
__wrap_g_task_get_task_data (GTask *task)
{
  return task_data_unwrap (__real_g_task_get_task_data (task));
}

static GQuark
thread_func_quark (void)
{
  return g_quark_from_static_string ("seg-tsan-thread-func");
}

static void
thread_trampoline (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GTaskThreadFunc func = (GTaskThreadFunc) g_object_get_qdata (G_OBJECT (task), thread_func_quark ());

  __tsan_acquire (task);
  func (task, source_object, task_data_unwrap (task_data), cancellable);
}

void
__wrap_g_task_run_in_thread (GTask           *task,
                             GTaskThreadFunc  task_func)
{
  g_object_set_qdata (G_OBJECT (task), thread_func_quark (), (gpointer) task_func);
  __tsan_release (task);
  __real_g_task_run_in_thread (task, thread_trampoline);
}

void
__wrap_g_task_run_in_thread_sync (GTask           *task,
                                  GTaskThreadFunc  task_func)
{
  g_object_set_qdata (G_OBJECT (task), thread_func_quark (), (gpointer) task_func);
  __tsan_release (task);
  __real_g_task_run_in_thread_sync (task, thread_trampoline);
  __tsan_acquire (task);
}

void
__wrap_g_task_return_pointer (GTask          *task,
                              gpointer        result,
                              GDestroyNotify  result_destroy)
{
  __tsan_release (task);
  __real_g_task_return_pointer (task, result, result_destroy);
}

void
__wrap_g_task_return_boolean (GTask    *task,
                              gboolean  result)
{
  __tsan_release (task);
  __real_g_task_return_boolean (task, result);
}

void
__wrap_g_task_return_error (GTask  *task,
                            GError *error)
{
  __tsan_release (task);
  __real_g_task_return_error (task, error);
}

void
__wrap_g_task_return_new_error (GTask      *task,
                                GQuark      domain,
                                gint        code,
                                const char *format,
                                ...)
{
  GError *error;
  va_list args;

  va_start (args, format);
  error = g_error_new_valist (domain, code, format, args);
  va_end (args);
  __wrap_g_task_return_error (task, error);
}

gboolean
__wrap_g_task_return_error_if_cancelled (GTask *task)
{
  __tsan_release (task);
  return __real_g_task_return_error_if_cancelled (task);
}

gpointer
__wrap_g_task_propagate_pointer (GTask   *task,
                                 GError **error)
{
  __tsan_acquire (task);
  return __real_g_task_propagate_pointer (task, error);
}

gboolean
__wrap_g_task_propagate_boolean (GTask   *task,
                                 GError **error)
{
  __tsan_acquire (task);
  return __real_g_task_propagate_boolean (task, error);
}

/* ---- main-loop sources: attaching (or adding) releases, and each
 * dispatch of the callback acquires.  The callback's record is released
 * when it is made (a source may be set up in a worker and dispatched in
 * the main thread), and the trampoline acquires it before reading it. */

typedef struct
{
  GSourceFunc    func;
  gpointer       data;
  GDestroyNotify notify;
  gpointer       key;     /* what the adding thread released */
} SourceFunc;

static gboolean
source_trampoline (gpointer user_data)
{
  SourceFunc *f = user_data;

  /* f itself first: it may have been filled in another thread */
  __tsan_acquire (f);
  __tsan_acquire (f->key);
  return f->func (f->data);
}

static void
source_func_free (gpointer user_data)
{
  SourceFunc *f = user_data;

  if (f->notify != NULL)
    f->notify (f->data);
  g_free (f);
}

static SourceFunc *
source_func_new (GSourceFunc    func,
                 gpointer       data,
                 GDestroyNotify notify,
                 gpointer       key)
{
  SourceFunc *f = g_new (SourceFunc, 1);

  f->func = func;
  f->data = data;
  f->notify = notify;
  f->key = key;
  return f;
}

guint
__wrap_g_idle_add_full (gint           priority,
                        GSourceFunc    function,
                        gpointer       data,
                        GDestroyNotify notify)
{
  SourceFunc *f = source_func_new (function, data, notify, NULL);

  f->key = f;
  __tsan_release (f);
  return __real_g_idle_add_full (priority, source_trampoline, f, source_func_free);
}

guint
__wrap_g_idle_add (GSourceFunc function,
                   gpointer    data)
{
  return __wrap_g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, function, data, NULL);
}

guint
__wrap_g_timeout_add (guint       interval,
                      GSourceFunc function,
                      gpointer    data)
{
  return __wrap_g_timeout_add_full (G_PRIORITY_DEFAULT, interval, function, data, NULL);
}

guint
__wrap_g_timeout_add_full (gint           priority,
                           guint          interval,
                           GSourceFunc    function,
                           gpointer       data,
                           GDestroyNotify notify)
{
  SourceFunc *f = source_func_new (function, data, notify, NULL);

  f->key = f;
  __tsan_release (f);
  return __real_g_timeout_add_full (priority, interval, source_trampoline, f, source_func_free);
}

void
__wrap_g_main_context_invoke_full (GMainContext   *context,
                                   gint            priority,
                                   GSourceFunc     function,
                                   gpointer        data,
                                   GDestroyNotify  notify)
{
  SourceFunc *f = source_func_new (function, data, notify, NULL);

  f->key = f;
  __tsan_release (f);
  __real_g_main_context_invoke_full (context, priority, source_trampoline, f, source_func_free);
}

void
__wrap_g_source_set_callback (GSource        *source,
                              GSourceFunc     func,
                              gpointer        data,
                              GDestroyNotify  notify)
{
  SourceFunc *f = source_func_new (func, data, notify, source);

  __tsan_release (f);
  __real_g_source_set_callback (source, source_trampoline, f, source_func_free);
}

guint
__wrap_g_source_attach (GSource      *source,
                        GMainContext *context)
{
  __tsan_release (source);
  return __real_g_source_attach (source, context);
}
