"""A music play queue: songs play in order; "play next" slots a song in right after the one playing."""


class PlayQueue:
    def __init__(self, songs):
        self.songs = list(songs)
        self.position = 0  # the index of the song playing now

    def now_playing(self):
        return self.songs[self.position]

    def play_next(self, song):
        """Queues song to play right after the current one (ahead of earlier "play next" songs)."""
        self.songs.insert(self.position, song)

    def add(self, song):
        """Queues song at the end."""
        self.songs.append(song)

    def skip(self):
        """Moves on to the next song and returns it; at the end of the queue, stays and returns None."""
        if self.position == len(self.songs) - 1:
            return None
        self.position += 1
        return self.songs[self.position]

    def upcoming(self):
        """The songs still to play, in order."""
        return self.songs[self.position + 1:]
