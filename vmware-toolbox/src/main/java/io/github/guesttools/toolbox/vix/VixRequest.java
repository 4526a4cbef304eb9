package io.github.guesttools.toolbox.vix;

/** A decoded op body: one immutable record per op, produced by {@link VixRequestDecoder}. */
public sealed interface VixRequest
        permits ToolsStateRequest,
                StartProgramRequest,
                ListProcessesRequest,
                TerminateProcessRequest,
                ReadEnvironmentRequest,
                CreateTemporaryRequest,
                DeleteFileRequest,
                CreateDirectoryRequest,
                DeleteDirectoryRequest,
                MoveRequest,
                ListFilesRequest,
                TransferFromGuestRequest,
                TransferToGuestRequest,
                SetFileAttributesRequest,
                HgfsPacketRequest,
                RawRequest {}
