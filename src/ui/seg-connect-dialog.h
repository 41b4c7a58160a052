/* seg-connect-dialog.h — Open ▸ Connect to Database…
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Connects to PostgreSQL (host, port, database, user, password, SSL mode)
 * or opens an SQLite file, lists the tables and views with their row
 * counts, and opens the chosen tables (or a typed query) in the window as
 * database inputs.  Connecting and counting run on a worker thread, with a
 * spinner and Stop.  The PostgreSQL password is looked up in and stored to
 * the keyring (libsecret); the window only ever sees URIs without it.
 */
#pragma once

#include <adwaita.h>

#include "seg-window.h"

G_BEGIN_DECLS

#define SEG_TYPE_CONNECT_DIALOG (seg_connect_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SegConnectDialog, seg_connect_dialog, SEG, CONNECT_DIALOG, AdwWindow)

SegConnectDialog *seg_connect_dialog_new (SegWindow *window);

/* The tables listed by the last connection, in order (for tests). */
guint             seg_connect_dialog_get_n_tables (SegConnectDialog *self);

G_END_DECLS
