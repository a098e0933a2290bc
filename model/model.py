"""A small causal transformer over Chronos-style value tokens.

Pre-LN blocks, learned positions, GELU MLP, untied output head with a bias (the log-linear
layer z_y = w_y . h + b_y of SCIENCE.md section 1, with w_y free of the input embeddings).
Written with plain ops so torch 1.13 exports it to ONNX opset 17 with dynamic batch and length.
"""

import math
from dataclasses import asdict, dataclass

import torch
import torch.nn.functional as F
from torch import nn

MASKED = -1e9  # finite, so a row with every key masked stays a uniform softmax, never NaN


@dataclass
class Config:
    vocab_size: int = 1027
    max_positions: int = 128
    layers: int = 4
    width: int = 128
    heads: int = 4
    mlp: int = 512

    def to_dict(self):
        return asdict(self)


class Attention(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.heads = cfg.heads
        self.head_width = cfg.width // cfg.heads
        self.qkv = nn.Linear(cfg.width, 3 * cfg.width)
        self.out = nn.Linear(cfg.width, cfg.width)

    def forward(self, x, bias):
        b, n, d = x.shape
        qkv = self.qkv(x).view(b, n, 3, self.heads, self.head_width).permute(2, 0, 3, 1, 4)
        q, k, v = qkv.unbind(0)
        scores = q @ k.transpose(-1, -2) / math.sqrt(self.head_width) + bias
        y = scores.softmax(-1) @ v  # [b, heads, n, d/heads]
        return self.out(y.transpose(1, 2).reshape(b, n, d))


class Block(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.ln1 = nn.LayerNorm(cfg.width)
        self.attn = Attention(cfg)
        self.ln2 = nn.LayerNorm(cfg.width)
        self.fc = nn.Linear(cfg.width, cfg.mlp)
        self.proj = nn.Linear(cfg.mlp, cfg.width)

    def forward(self, x, bias):
        a = self.attn(self.ln1(x), bias)  # the sublayer output the paper hooks (pre-residual)
        x = x + a
        x = x + self.proj(F.gelu(self.fc(self.ln2(x))))
        return x, a


def attention_bias(attention_mask):
    """[B, 1, L, L] additive bias: 0 where key j <= query i and j is real, MASKED elsewhere.
    Built with arithmetic on arange so the export keeps the length dynamic."""
    n = attention_mask.shape[1]
    pos = torch.arange(n, device=attention_mask.device)
    causal = (pos[:, None] >= pos[None, :]).to(torch.float32)  # [L, L]
    keys = attention_mask[:, None, None, :].to(torch.float32)  # [B, 1, 1, L]
    return (1.0 - causal * keys) * MASKED


class NumericLM(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.cfg = cfg
        self.tokens = nn.Embedding(cfg.vocab_size, cfg.width)
        self.positions = nn.Embedding(cfg.max_positions, cfg.width)
        self.blocks = nn.ModuleList(Block(cfg) for _ in range(cfg.layers))
        self.ln_f = nn.LayerNorm(cfg.width)
        self.head = nn.Linear(cfg.width, cfg.vocab_size)
        self.apply(self._init)
        for block in self.blocks:  # GPT-2: shrink residual writes with depth
            for proj in (block.attn.out, block.proj):
                nn.init.normal_(proj.weight, std=0.02 / math.sqrt(2 * cfg.layers))

    @staticmethod
    def _init(module):
        if isinstance(module, (nn.Linear, nn.Embedding)):
            nn.init.normal_(module.weight, std=0.02)
        if isinstance(module, nn.Linear) and module.bias is not None:
            nn.init.zeros_(module.bias)

    def forward(self, input_ids, attention_mask):
        """Returns logits [B, L, V] at every position, then what states() returns."""
        last, blocks, attns = self.states(input_ids, attention_mask)
        return self.head(last), last, blocks, attns

    def states(self, input_ids, attention_mask):
        """Returns last_hidden [B, L, D] (ln_f output, the h the head reads), blocks (a list,
        each block's output [B, L, D]) and attns (a list, each attention sublayer's output
        before the residual add [B, L, D])."""
        # Positions count real tokens, so left padding would read the same positions as none.
        positions = (attention_mask.cumsum(1) - 1).clamp(min=0)
        x = self.tokens(input_ids) + self.positions(positions)
        bias = attention_bias(attention_mask)
        blocks, attns = [], []
        for block in self.blocks:
            x, a = block(x, bias)
            blocks.append(x)
            attns.append(a)
        return self.ln_f(x), blocks, attns

    def parameter_count(self):
        return sum(p.numel() for p in self.parameters())
