/* seg-publish.h — write files so that they appear whole or not at all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every file Segmenta writes (the CLI's customers.csv, segments.csv,
 * summary.json and charts/…, and every export from the window) goes through
 * a SegPublish:
 *
 *   g_autoptr(SegPublish) pub = seg_publish_new (dir);
 *   if (!seg_publish_add (pub, "customers.csv", bytes, error) ||
 *       !seg_publish_add (pub, "charts/overview.png", png, error) ||
 *       !seg_publish_commit (pub, error))
 *     return FALSE;            // the old files are untouched, no temporary is left
 *
 * Each file is first written to a temporary file in its final folder
 * (created with O_EXCL, mode 0666 minus the umask like any new file, named
 * ".NAME.XXXXXX.tmp"), every write is checked and the file is fsync'ed.
 * Only when every file of the set has been written does
 * seg_publish_commit() rename them over their final names, one after the
 * other, and fsync the folders.  If anything fails before or during the
 * renames, the temporaries are removed and files already renamed are put
 * back (the old version is kept as a hard link until the set is complete),
 * so the previous set stays as it was.  A process killed while writing
 * leaves the previous set whole; at worst a hidden ".NAME.XXXXXX.tmp" is
 * left beside it.  Only a crash in the microseconds of the rename loop
 * itself can mix old and new files (each of them whole).
 *
 * Writers that need a file name rather than bytes (libxlsxwriter, cairo's
 * file surfaces) call seg_publish_add_path(): it reserves the temporary file
 * and returns its path; the caller writes and closes it, then commits.
 *
 * A SegPublish is not thread-safe; use one per export.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _SegPublish SegPublish;

/**
 * seg_publish_new:
 * @dir: the folder the files go to, created with its parents if needed
 *   (folders this set created are removed again if it fails); "" is the
 *   current folder
 *
 * Returns: (transfer full): a new, empty set of files to publish
 */
SegPublish *seg_publish_new       (const char   *dir);
/**
 * seg_publish_free:
 * @pub: (nullable) (transfer full): a set
 *
 * Removes every temporary file of a set that was not committed, then frees
 * it.
 */
void        seg_publish_free      (SegPublish   *pub);
/**
 * seg_publish_add:
 * @pub: a set not committed yet
 * @name: a path relative to the set's folder, which may contain subfolders
 *   such as "charts/overview.png"
 * @bytes: (transfer none): the file's content
 * @error: return location for a #GError, or %NULL
 *
 * Writes @bytes to a temporary file for @name.
 *
 * Returns: %FALSE with @error set when it cannot be written
 */
gboolean    seg_publish_add       (SegPublish   *pub,
                                   const char   *name,
                                   GBytes       *bytes,
                                   GError      **error);
/**
 * seg_publish_add_data:
 * @pub: a set not committed yet
 * @name: as for seg_publish_add ()
 * @data: (array length=len) (element-type guint8) (nullable): the content,
 *   %NULL only when @len is 0
 * @len: its length in bytes
 * @error: return location for a #GError, or %NULL
 *
 * Like seg_publish_add (), for plain memory.
 *
 * Returns: %FALSE with @error set when it cannot be written
 */
gboolean    seg_publish_add_data  (SegPublish   *pub,
                                   const char   *name,
                                   const void   *data,
                                   gsize         len,
                                   GError      **error);
/**
 * seg_publish_add_path:
 * @pub: a set not committed yet
 * @name: as for seg_publish_add ()
 * @error: return location for a #GError, or %NULL
 *
 * Reserves the (empty) temporary file for @name; the caller writes it
 * completely and closes it before seg_publish_commit ().
 *
 * Returns: (transfer none) (nullable): its path, valid until the set is
 *   freed; %NULL with @error set when the file cannot be created
 */
const char *seg_publish_add_path  (SegPublish   *pub,
                                   const char   *name,
                                   GError      **error);
/**
 * SegPublishSink:
 *
 * A file of a set being written by a #SegPublishWriter.
 */
typedef struct _SegPublishSink SegPublishSink;
/**
 * SegPublishWriter:
 * @sink: where the file's bytes go, with seg_publish_sink_write ()
 * @user_data: what was given to seg_publish_add_writer ()
 * @error: return location for a #GError, or %NULL
 *
 * Writes a file's content piece by piece.
 *
 * Returns: %FALSE with @error set when it failed
 */
typedef gboolean (*SegPublishWriter) (SegPublishSink  *sink,
                                      gpointer         user_data,
                                      GError         **error);
/**
 * seg_publish_add_writer:
 * @pub: a set not committed yet
 * @name: as for seg_publish_add ()
 * @writer: (scope call): writes the content
 * @user_data: for @writer
 * @error: return location for a #GError, or %NULL
 *
 * Like seg_publish_add (), for content too large to hold in memory whole:
 * @writer hands it over in pieces, which go to the temporary file as they
 * come.
 *
 * Returns: %FALSE with @error set when it cannot be written or @writer
 *   failed
 */
gboolean    seg_publish_add_writer (SegPublish       *pub,
                                    const char       *name,
                                    SegPublishWriter  writer,
                                    gpointer          user_data,
                                    GError          **error);
/**
 * seg_publish_sink_write:
 * @sink: the file being written
 * @data: (array length=len) (element-type guint8): the next bytes
 * @len: their length
 * @error: return location for a #GError, or %NULL
 *
 * Appends @data to the file.  Calls for one sink must not overlap (they
 * may come from different threads, one after the other).
 *
 * Returns: %FALSE with @error set when it cannot be written
 */
gboolean    seg_publish_sink_write (SegPublishSink  *sink,
                                    const void      *data,
                                    gsize            len,
                                    GError         **error);
/**
 * seg_publish_commit:
 * @pub: a set not committed yet (a set is committed at most once)
 * @error: return location for a #GError, or %NULL
 *
 * Syncs every file, renames them all into place and syncs the folders.
 * On failure, nothing of the set is left and the old files are as before.
 *
 * Returns: %FALSE with @error set when the set could not be published
 */
gboolean    seg_publish_commit    (SegPublish   *pub,
                                   GError      **error);
/**
 * seg_publish_get_paths:
 * @pub: a set
 *
 * The final paths of the files added so far, in order (for messages such
 * as "Exported 12 files").
 *
 * Returns: (transfer none) (element-type filename): the paths
 */
GPtrArray  *seg_publish_get_paths (SegPublish   *pub);
/**
 * seg_publish_file:
 * @path: the file to write, in a folder that exists
 * @bytes: (transfer none): its content
 * @error: return location for a #GError, or %NULL
 *
 * One file, replaced atomically: seg_publish_new (its folder),
 * seg_publish_add () and seg_publish_commit ().
 *
 * Returns: %FALSE with @error set when it could not be written
 */
gboolean    seg_publish_file      (const char   *path,
                                   GBytes       *bytes,
                                   GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SegPublish, seg_publish_free)

G_END_DECLS
