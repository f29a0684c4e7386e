package io.hpcgateway.frontend.transfer;

import io.hpcgateway.frontend.filesystem.GuardedCommand;
import io.hpcgateway.frontend.filesystem.PathGuard.Check;
import io.hpcgateway.frontend.filesystem.UserPaths;
import java.time.Duration;
import java.util.List;

/**
 * The commands of the two staged transfers, run by the transfer job as the user, with curl.
 * Every URL comes from an exported variable ({@link TransferScript}) and reaches curl as its
 * configuration on a pipe or here-document, so no URL is ever on a command line.
 */
final class StagingCommands {

    /** Variables the commands read: the staged object's HEAD, GET and DELETE URLs; the parts' PUT URLs and the completion URL. */
    static final String HEAD_URL = "HPCGW_HEAD_URL";
    static final String GET_URL = "HPCGW_GET_URL";
    static final String DELETE_URL = "HPCGW_DELETE_URL";
    static final String PART_URL = "HPCGW_PART_";
    static final String COMPLETE_URL = "HPCGW_COMPLETE_URL";

    /** How often an upload's job asks whether the client has completed the staged object. */
    static final Duration POLL_INTERVAL = Duration.ofSeconds(2);

    /**
     * Waits until the client has completed the staged object ($2 polls, $3 seconds apart), then
     * downloads it next to the target $1 and renames it into place, so a reader never sees half a
     * file and a link at the target is replaced, never written through; then removes the object.
     */
    private static final String INGRESS = """
            if [ -d "$1" ]; then echo "'$1' is a directory: name the file to write" >&2; exit 21; fi
            n=0
            until [ "$(printf 'url = "%s"\\n' "$HPCGW_HEAD_URL" | curl -s -I -o /dev/null -w '%{http_code}' -K -)" = 200 ]; do
              n=$((n + 1))
              if [ "$n" -ge "$2" ]; then echo "The staged file was not completed in time" >&2; exit 62; fi
              sleep "$3"
            done
            t="$1.hpcgw-upload-$$"
            umask 022
            if printf 'url = "%s"\\n' "$HPCGW_GET_URL" | curl -sS -f --retry 3 -o "$t" -K -; then
              mv -f -T -- "$t" "$1" || { rm -f -- "$t"; exit 1; }
            else
              rm -f -- "$t"; exit 1
            fi
            printf 'url = "%s"\\n' "$HPCGW_DELETE_URL" | curl -s -o /dev/null -X DELETE -K - || :
            echo "Received $(stat -c %s -- "$1") bytes"
            """;

    /**
     * Uploads the file $1 ($4 bytes when the download was asked for) in $3 parts of $2 bytes, each
     * read with dd straight into curl (no part files), collects the ETags and completes the upload.
     */
    private static final String EGRESS = """
            if [ ! -f "$1" ]; then echo "'$1' is not a regular file" >&2; exit 2; fi
            size=$(stat -L -c %s -- "$1")
            if [ "$size" != "$4" ]; then echo "'$1' is $size bytes, no longer $4: ask for the download again" >&2; exit 75; fi
            i=1
            parts=""
            while [ "$i" -le "$3" ]; do
              off=$(( (i - 1) * $2 ))
              len=$(( size - off ))
              if [ "$len" -gt "$2" ]; then len=$2; fi
              eval "url=\\$HPCGW_PART_$i"
              tag=$(dd if="$1" bs=1M iflag=skip_bytes,count_bytes skip="$off" count="$len" status=none \\
                | curl -sS -f -D - -o /dev/null -T - -H "Content-Length: $len" -H "Transfer-Encoding:" -K /dev/fd/3 3<<EOF | tr -d '\\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: *//p'
            url = "$url"
            EOF
              )
              if [ -z "$tag" ]; then echo "Part $i of $3 could not be staged" >&2; exit 70; fi
              parts="$parts<Part><PartNumber>$i</PartNumber><ETag>$tag</ETag></Part>"
              i=$((i + 1))
            done
            printf '<CompleteMultipartUpload>%s</CompleteMultipartUpload>' "$parts" \\
              | curl -sS -f -o /dev/null -X POST --data-binary @- -K /dev/fd/3 3<<EOF || { echo "The staged file could not be completed" >&2; exit 70; }
            url = "$HPCGW_COMPLETE_URL"
            EOF
            echo "Sent $size bytes in $3 parts"
            """;

    private StagingCommands() {}

    /** Fetches the staged object into {@code target} once the client has completed it, within {@code patience}. */
    static GuardedCommand ingress(UserPaths.Confined target, Duration patience) {
        long polls = Math.max(1, patience.toSeconds() / POLL_INTERVAL.toSeconds());
        return new GuardedCommand(List.of(Check.name(target)), INGRESS, List.of(target.toString(),
                Long.toString(polls), Long.toString(POLL_INTERVAL.toSeconds())));
    }

    /** Stages {@code source}, of {@code size} bytes, into the object's parts. */
    static GuardedCommand egress(UserPaths.Confined source, Staging.StagedObject object, long size) {
        return new GuardedCommand(List.of(Check.follow(source)), EGRESS, List.of(source.toString(),
                Long.toString(object.partSize()), Integer.toString(object.parts()), Long.toString(size)));
    }
}
