/* seg-analysis-file.h — the .segmenta analysis file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One JSON document (data/segmenta-analysis.schema.json, described in
 * data/segmenta-analysis-format.md) with the inputs of an analysis (path
 * relative to the analysis file where possible, size, SHA-256), every
 * setting, the view (colour-by, pane, persona names and actions), the fitted
 * models needed to score new data without refitting, and each customer's
 * segment per method.  Written gzip-compressed when it is large; read either
 * way.  Older versions are migrated step by step when read; newer ones are
 * refused with a message saying so.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "seg-analysis.h"
#include "seg-dataset.h"

G_BEGIN_DECLS

#define SEG_ANALYSIS_FILE_VERSION 1
#define SEG_ANALYSIS_FILE_FORMAT  "segmenta-analysis"
/* Documents longer than this are written gzip-compressed. */
#define SEG_ANALYSIS_FILE_GZIP_BYTES (128u * 1024u)

typedef enum
{
  SEG_INPUT_UNCHANGED,  /* where it was, same SHA-256 */
  SEG_INPUT_CHANGED,    /* found, but its SHA-256 differs */
  SEG_INPUT_MOVED,      /* not where it was; found next to the analysis file, same SHA-256 */
  SEG_INPUT_MISSING,    /* not found */
} SegInputState;

typedef struct
{
  char         *stored_path;    /* as written: relative to the analysis file where possible */
  char         *absolute_path;  /* where it was when the analysis was saved */
  char         *path;           /* where it is now; NULL when missing */
  SegFileRole   role;           /* forced role; UNKNOWN = detected */
  SegFileRole   detected_role;  /* the role it had in the saved run */
  guint64       size;
  char         *sha256;         /* lower-case hex */
  SegInputState state;
} SegSavedInput;

typedef struct
{
  char  *colour_by;        /* "rules", "rfm", "kmeans"; NULL = default */
  char  *pane;             /* "overview", "segments", …; NULL = default */
  char **persona_names;    /* NULL, or one per cluster ("" = the suggested name) */
  char **persona_actions;
} SegAnalysisView;

/**
 * seg_analysis_view_clear:
 * @view: a view
 *
 * Frees what @view holds; it may be set up again.
 */
void seg_analysis_view_clear (SegAnalysisView *view);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SegAnalysisView, seg_analysis_view_clear)
/**
 * seg_analysis_view_copy:
 * @src: a view
 * @dest: (out caller-allocates): a deep copy, for seg_analysis_view_clear ()
 */
void seg_analysis_view_copy  (const SegAnalysisView *src,
                              SegAnalysisView       *dest);

typedef struct _SegAnalysisFile SegAnalysisFile;

/**
 * seg_analysis_file_new_from_result:
 * @result: a result
 * @view: (nullable): what the window showed (%NULL: nothing)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError, or %NULL
 *
 * Everything about @result, with the file hashes of its inputs (it reads
 * them).
 *
 * Returns: (transfer full) (nullable): the analysis, or %NULL with @error
 *   set
 */
SegAnalysisFile *seg_analysis_file_new_from_result (SegResult             *result,
                                                    const SegAnalysisView *view,
                                                    GCancellable          *cancellable,
                                                    GError               **error);
/**
 * seg_analysis_file_ref:
 * @file: an analysis
 *
 * Returns: (transfer full): @file
 */
SegAnalysisFile *seg_analysis_file_ref    (SegAnalysisFile *file);
/**
 * seg_analysis_file_unref:
 * @file: (transfer full) (nullable): an analysis
 */
void             seg_analysis_file_unref  (SegAnalysisFile *file);

/**
 * seg_analysis_file_save:
 * @file: an analysis
 * @path: where to write it
 * @error: return location for a #GError, or %NULL
 *
 * Writes @file to @path (atomically; gzip when large); input paths are
 * stored relative to @path's folder where possible.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean         seg_analysis_file_save   (SegAnalysisFile *file,
                                           const char      *path,
                                           GError         **error);
/**
 * seg_analysis_file_to_json:
 * @file: an analysis
 * @path: (nullable): where it will be written; input paths are relative to
 *   its folder
 *
 * Returns: (transfer full): the document
 */
JsonNode        *seg_analysis_file_to_json (SegAnalysisFile *file,
                                            const char      *path);

/**
 * seg_analysis_file_load:
 * @path: a .segmenta file
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError, or %NULL
 *
 * Reads, migrates and checks an analysis file, and looks for its inputs
 * (each #SegSavedInput says whether it changed, moved or is missing).
 *
 * Returns: (transfer full) (nullable): the analysis, or %NULL with @error
 *   set
 */
SegAnalysisFile *seg_analysis_file_load   (const char   *path,
                                           GCancellable *cancellable,
                                           GError      **error);
/**
 * seg_analysis_file_new_from_json:
 * @root: (nullable): a parsed document (%NULL or not an object: an error)
 * @path: (nullable): names the file in messages and anchors relative input
 *   paths
 * @error: return location for a #GError, or %NULL
 *
 * The same as seg_analysis_file_load () from a parsed document.
 *
 * Returns: (transfer full) (nullable): the analysis, or %NULL with @error
 *   set
 */
SegAnalysisFile *seg_analysis_file_new_from_json (JsonNode   *root,
                                                  const char *path,
                                                  GError    **error);
/**
 * seg_analysis_file_migrate:
 * @root: a document's object, changed in place
 * @path: (nullable): names the file in messages
 * @error: return location for a #GError, or %NULL
 *
 * Brings an older document up to SEG_ANALYSIS_FILE_VERSION.
 *
 * Returns: %TRUE, or %FALSE with @error set when it is no analysis file or
 *   of a version this program does not know
 */
gboolean         seg_analysis_file_migrate (JsonObject *root,
                                            const char *path,
                                            GError    **error);

/* The window's jobs, on a worker (seg-job.h). */

/**
 * seg_analysis_file_save_result_async:
 * @result: a result
 * @view: what the window shows (copied)
 * @path: where to write the file
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the file is written
 * @user_data: (closure callback): its data
 *
 * seg_analysis_file_new_from_result () and seg_analysis_file_save () on a
 * worker.
 */
void             seg_analysis_file_save_result_async  (SegResult             *result,
                                                       const SegAnalysisView *view,
                                                       const char            *path,
                                                       GCancellable          *cancellable,
                                                       GAsyncReadyCallback    callback,
                                                       gpointer               user_data);
/**
 * seg_analysis_file_save_result_finish:
 * @result: the #GAsyncResult the callback got
 * @error: return location for a #GError, or %NULL
 *
 * Returns: (transfer full) (nullable): the analysis written, or %NULL with
 *   @error set
 */
SegAnalysisFile *seg_analysis_file_save_result_finish (GAsyncResult          *result,
                                                       GError               **error);
/**
 * seg_analysis_file_load_async:
 * @path: a .segmenta file
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the file is read
 * @user_data: (closure callback): its data
 *
 * seg_analysis_file_load () on a worker.
 */
void             seg_analysis_file_load_async         (const char            *path,
                                                       GCancellable          *cancellable,
                                                       GAsyncReadyCallback    callback,
                                                       gpointer               user_data);
/**
 * seg_analysis_file_load_finish:
 * @result: the #GAsyncResult the callback got
 * @error: return location for a #GError, or %NULL
 *
 * Returns: (transfer full) (nullable): the analysis, or %NULL with @error
 *   set
 */
SegAnalysisFile *seg_analysis_file_load_finish        (GAsyncResult          *result,
                                                       GError               **error);

/**
 * seg_analysis_file_get_path:
 * @file: an analysis
 *
 * Returns: (transfer none) (nullable): the file it was read from or
 *   written to
 */
const char      *seg_analysis_file_get_path     (SegAnalysisFile *file);
/**
 * seg_analysis_file_get_version:
 * @file: an analysis
 *
 * Returns: the document's version as read
 */
int              seg_analysis_file_get_version  (SegAnalysisFile *file);
/**
 * seg_analysis_file_get_n_inputs:
 * @file: an analysis
 *
 * Returns: the number of input files
 */
guint            seg_analysis_file_get_n_inputs (SegAnalysisFile *file);
/**
 * seg_analysis_file_get_input:
 * @file: an analysis
 * @index: below seg_analysis_file_get_n_inputs ()
 *
 * Returns: (transfer none): the input and where it is now
 */
const SegSavedInput *seg_analysis_file_get_input (SegAnalysisFile *file,
                                                  guint            index);
/**
 * seg_analysis_file_relocate_input:
 * @file: an analysis
 * @index: below seg_analysis_file_get_n_inputs ()
 * @path: where the user found the input
 *
 * The user located a missing or moved input: checks it and uses it.
 */
void             seg_analysis_file_relocate_input (SegAnalysisFile *file,
                                                   guint            index,
                                                   const char      *path);
/**
 * seg_analysis_file_describe_inputs:
 * @file: an analysis
 *
 * Returns: (transfer full) (element-type utf8): "file: changed since the
 *   analysis was saved", one per input that is not unchanged (empty when
 *   all are)
 */
GPtrArray       *seg_analysis_file_describe_inputs (SegAnalysisFile *file);

/**
 * seg_analysis_file_dataset_options:
 * @file: an analysis
 * @paths: (nullable) (array zero-terminated=1): other files to read
 *   instead of the saved inputs (apply to new data; forced roles are kept
 *   when the number of files is the same)
 * @error: return location for a #GError, or %NULL
 *
 * Returns: (transfer full) (nullable): the settings to read the data again,
 *   or %NULL with @error set
 */
SegDatasetOptions *seg_analysis_file_dataset_options (SegAnalysisFile    *file,
                                                      const char * const *paths,
                                                      GError            **error);
/**
 * seg_analysis_file_analysis_options:
 * @file: an analysis
 * @options: (out caller-allocates): the settings to run it again, for
 *   seg_analysis_options_clear ()
 * @error: return location for a #GError, or %NULL
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean         seg_analysis_file_analysis_options (SegAnalysisFile    *file,
                                                     SegAnalysisOptions *options,
                                                     GError            **error);
/**
 * seg_analysis_file_get_view:
 * @file: an analysis
 *
 * Returns: (transfer none): what the window showed
 */
const SegAnalysisView *seg_analysis_file_get_view (SegAnalysisFile *file);
/**
 * seg_analysis_file_set_view:
 * @file: an analysis
 * @view: what the window shows (copied)
 */
void             seg_analysis_file_set_view (SegAnalysisFile       *file,
                                             const SegAnalysisView *view);
/**
 * seg_analysis_file_get_models:
 * @file: an analysis
 *
 * Returns: (transfer none) (nullable): the saved document's "models"
 *   member, %NULL when absent
 */
JsonObject      *seg_analysis_file_get_models   (SegAnalysisFile *file);
/**
 * seg_analysis_file_get_segments:
 * @file: an analysis
 *
 * Returns: (transfer none) (nullable): the saved document's "segments"
 *   member, %NULL when absent
 */
JsonObject      *seg_analysis_file_get_segments (SegAnalysisFile *file);
/**
 * seg_analysis_file_relative_path:
 * @base: a folder
 * @target: a file
 *
 * Returns: (transfer full) (nullable): @target relative to @base
 *   ("../data/x.csv"); %NULL when they share no folder
 */
char            *seg_analysis_file_relative_path (const char *base,
                                                  const char *target);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SegAnalysisFile, seg_analysis_file_unref)

G_END_DECLS
