"""The channel layers the chat and live queues will rely on: in-process by default, Redis at scale."""

from __future__ import annotations

import uuid

from asgiref.sync import async_to_sync
from channels.layers import BaseChannelLayer, InMemoryChannelLayer, get_channel_layer
from channels_redis.core import RedisChannelLayer


async def _send_and_receive(layer: BaseChannelLayer) -> tuple[dict, dict]:
    channel = await layer.new_channel()
    await layer.send(channel, {"type": "chat.message", "text": "direct"})
    direct = await layer.receive(channel)
    await layer.group_add("conversation-1", channel)
    await layer.group_send("conversation-1", {"type": "chat.message", "text": "to the group"})
    grouped = await layer.receive(channel)
    await layer.group_discard("conversation-1", channel)
    return direct, grouped


def test_the_configured_in_memory_layer_delivers_messages():
    layer = get_channel_layer()
    assert isinstance(layer, InMemoryChannelLayer)
    direct, grouped = async_to_sync(_send_and_receive)(layer)
    assert direct == {"type": "chat.message", "text": "direct"}
    assert grouped == {"type": "chat.message", "text": "to the group"}


def test_the_redis_layer_delivers_messages_through_a_real_redis():
    # A prefix of our own, so flushing afterwards touches nobody else's keys.
    layer = RedisChannelLayer(hosts=["redis://127.0.0.1:6379/5"], prefix=f"signpost-test-{uuid.uuid4().hex}")

    async def exercise() -> tuple[dict, dict]:
        try:
            return await _send_and_receive(layer)
        finally:
            await layer.flush()
            await layer.close_pools()

    direct, grouped = async_to_sync(exercise)()
    assert direct == {"type": "chat.message", "text": "direct"}
    assert grouped == {"type": "chat.message", "text": "to the group"}
