/** Meeting activities: messages, layers, the layout, playbacks and the broadcast. */
import type { BroadcastRecord, LayerRecord, MeetingRecord, MessageRecord, PlaybackRecord } from "../entities";
import { ApiError, notFound } from "../errors";
import type { OptionsInput } from "../options";
import type { StoreCore } from "./core";

/** The activities area of the store: what happens inside a running meeting. */
export class Activities {
  /** An area of the store whose ids come from `core`. */
  constructor(private readonly core: StoreCore) {}

  /** `POST /rooms/ACCESS_KEY/messages` (kept for inspection; the API stores none). */
  sendMessage(meeting: MeetingRecord, message: MessageRecord): void {
    meeting.messages.push(message);
  }

  /** `POST /rooms/ACCESS_KEY/layers`: replaces the layer at that z-index. */
  setLayer(meeting: MeetingRecord, layer: LayerRecord): void {
    if (layer.zIndex === 1) meeting.layers.foreground = layer;
    else meeting.layers.background = layer;
  }

  /** `DELETE /rooms/ACCESS_KEY/layers/INDEX`: 404 when no layer is set there. */
  clearLayer(meeting: MeetingRecord, zIndex: 1 | -1): void {
    const slot = zIndex === 1 ? "foreground" : "background";
    if (!meeting.layers[slot]) throw notFound("Layer");
    meeting.layers[slot] = null;
  }

  /** `POST /rooms/ACCESS_KEY/layout`: updates the layout options; 405 unless `layout_available`. */
  setLayout(meeting: MeetingRecord, input: OptionsInput & { reset?: boolean }): void {
    if (!meeting.options.layout_available) throw new ApiError(405, "Layout is not available in this room");
    const { reset, ...changes } = input;
    if (reset) {
      meeting.options.layout_users = null;
      meeting.options.layout_name = null;
      meeting.options.layout_map = null;
    }
    Object.assign(meeting.options, changes);
  }

  /** `POST /rooms/ACCESS_KEY/playbacks`: 409 when a playback with that `play_id` is already playing. */
  startPlayback(meeting: MeetingRecord, playback: PlaybackRecord): void {
    if (playback.play_id !== null && meeting.playbacks.some((p) => p.play_id === playback.play_id)) {
      throw new ApiError(409, "A playback with this play_id is already playing");
    }
    meeting.playbacks.push(playback);
  }

  /** `DELETE /rooms/ACCESS_KEY/playbacks/PLAY_ID`: 404 when nothing plays under that id. */
  stopPlayback(meeting: MeetingRecord, playId: string): void {
    const index = meeting.playbacks.findIndex((p) => p.play_id === playId);
    if (index < 0) throw notFound("Playback");
    meeting.playbacks.splice(index, 1);
  }

  /** `POST /rooms/ACCESS_KEY/broadcasts`: 405 unless `broadcast_available`; 406 while one runs (one RTMP target). */
  startBroadcast(meeting: MeetingRecord, broadcast: Omit<BroadcastRecord, "id">): void {
    if (!meeting.options.broadcast_available)
      throw new ApiError(405, "Broadcasting is not available in this room");
    if (meeting.broadcast) throw new ApiError(406, "A broadcast is already running");
    meeting.broadcast = { id: this.core.newId(), ...broadcast };
  }

  /** `PUT /rooms/ACCESS_KEY/broadcasts`: 404 when no broadcast runs. */
  updateBroadcast(meeting: MeetingRecord, playerUrl: string): void {
    if (!meeting.options.broadcast_available)
      throw new ApiError(405, "Broadcasting is not available in this room");
    if (!meeting.broadcast) throw notFound("Broadcast");
    meeting.broadcast.player_url = playerUrl;
  }

  /** `DELETE /rooms/ACCESS_KEY/broadcasts`: 404 when no broadcast runs. */
  stopBroadcast(meeting: MeetingRecord): void {
    if (!meeting.broadcast) throw notFound("Broadcast");
    meeting.broadcast = null;
  }
}
