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

void seg_analysis_view_clear (SegAnalysisView *view);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SegAnalysisView, seg_analysis_view_clear)
void seg_analysis_view_copy  (const SegAnalysisView *src,
                              SegAnalysisView       *dest);

typedef struct _SegAnalysisFile SegAnalysisFile;

/* Everything about @result, with the file hashes of its inputs (reads them).
 * Returns: (transfer full). */
SegAnalysisFile *seg_analysis_file_new_from_result (SegResult             *result,
                                                    const SegAnalysisView *view,
                                                    GCancellable          *cancellable,
                                                    GError               **error);
/* Returns: (transfer full). */
SegAnalysisFile *seg_analysis_file_ref    (SegAnalysisFile *file);
void             seg_analysis_file_unref  (SegAnalysisFile *file);

/* Writes @file to @path (atomically; gzip when large); input paths are
 * stored relative to @path's folder where possible. */
gboolean         seg_analysis_file_save   (SegAnalysisFile *file,
                                           const char      *path,
                                           GError         **error);
/* The document, with input paths relative to @path's folder (nullable).
 * Returns: (transfer full). */
JsonNode        *seg_analysis_file_to_json (SegAnalysisFile *file,
                                            const char      *path);

/* Reads, migrates and checks an analysis file, and looks for its inputs
 * (each SegSavedInput says whether it changed, moved or is missing).
 * Returns: (transfer full). */
SegAnalysisFile *seg_analysis_file_load   (const char   *path,
                                           GCancellable *cancellable,
                                           GError      **error);
/* Same from a parsed document; @path names the file in messages and anchors
 * relative input paths (nullable).  Returns: (transfer full). */
SegAnalysisFile *seg_analysis_file_new_from_json (JsonNode   *root,
                                                  const char *path,
                                                  GError    **error);
/* Brings an older document up to SEG_ANALYSIS_FILE_VERSION in place. */
gboolean         seg_analysis_file_migrate (JsonObject *root,
                                            const char *path,
                                            GError    **error);

/* The window's jobs, on a worker (seg-job.h).  Saving builds the file from
 * @result and @view (both copied) and writes it to @path; loading is
 * seg_analysis_file_load ().  Each finish returns: (transfer full) (nullable). */
void             seg_analysis_file_save_result_async  (SegResult             *result,
                                                       const SegAnalysisView *view,
                                                       const char            *path,
                                                       GCancellable          *cancellable,
                                                       GAsyncReadyCallback    callback,
                                                       gpointer               user_data);
SegAnalysisFile *seg_analysis_file_save_result_finish (GAsyncResult          *result,
                                                       GError               **error);
void             seg_analysis_file_load_async         (const char            *path,
                                                       GCancellable          *cancellable,
                                                       GAsyncReadyCallback    callback,
                                                       gpointer               user_data);
SegAnalysisFile *seg_analysis_file_load_finish        (GAsyncResult          *result,
                                                       GError               **error);

const char      *seg_analysis_file_get_path     (SegAnalysisFile *file);   /* nullable */
int              seg_analysis_file_get_version  (SegAnalysisFile *file);   /* as read */
guint            seg_analysis_file_get_n_inputs (SegAnalysisFile *file);
const SegSavedInput *seg_analysis_file_get_input (SegAnalysisFile *file,
                                                  guint            index);
/* The user located a missing or moved input: checks it and uses it. */
void             seg_analysis_file_relocate_input (SegAnalysisFile *file,
                                                   guint            index,
                                                   const char      *path);
/* "file: changed since the analysis was saved", one per input that is not
 * unchanged (empty when all are).  Returns: (transfer full). */
GPtrArray       *seg_analysis_file_describe_inputs (SegAnalysisFile *file);

/* The settings to re-run it: the saved inputs (where they are now), or
 * @paths instead (apply to new data; forced roles kept when the number of
 * files is the same).  Returns: (transfer full). */
SegDatasetOptions *seg_analysis_file_dataset_options (SegAnalysisFile    *file,
                                                      const char * const *paths,
                                                      GError            **error);
gboolean         seg_analysis_file_analysis_options (SegAnalysisFile    *file,
                                                     SegAnalysisOptions *options,
                                                     GError            **error);
const SegAnalysisView *seg_analysis_file_get_view (SegAnalysisFile *file);
void             seg_analysis_file_set_view (SegAnalysisFile       *file,
                                             const SegAnalysisView *view);
/* The saved document's members (borrowed; nullable when absent). */
JsonObject      *seg_analysis_file_get_models   (SegAnalysisFile *file);
JsonObject      *seg_analysis_file_get_segments (SegAnalysisFile *file);
/* @target relative to the folder @base ("../data/x.csv"); NULL when they
 * share no folder.  Returns: (transfer full) (nullable). */
char            *seg_analysis_file_relative_path (const char *base,
                                                  const char *target);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SegAnalysisFile, seg_analysis_file_unref)

G_END_DECLS
